"""The journeys behind the numbers: paths, the process map, the journey list, episodes."""

TEXT: dict[str, dict[str, str]] = {
    "page_journeys": {"en": "Journeys", "ko": "여정 탐색"},
    "journeys_intro": {"en": "From a number to the journeys behind it: click a path or a transition to list its "
                             "journeys, and a journey to read its episode.",
                       "ko": "숫자에서 그 뒤의 여정으로: 경로나 전환을 클릭하면 해당 여정 목록이, 여정을 고르면 그 에피소드가 "
                             "나옵니다."},
    "path_kind": {"en": "Paths of", "ko": "경로 기준"},
    "kind_stage": {"en": "Stage path", "ko": "단계 경로"},
    "kind_channel": {"en": "Channel path", "ko": "채널 경로"},
    "map_kind": {"en": "Map of", "ko": "맵 기준"},
    "path_view": {"en": "Show", "ko": "보기"},
    "path_view_bars": {"en": "Ranking", "ko": "순위"},
    "path_view_tree": {"en": "Tree", "ko": "트리"},
    "tree_ends": {"en": "End here", "ko": "여기서 끝남"},
    "path_tree_explained": {
        "en": "Every path beginning, left to right: a box's height = the journeys that start that way, its colour = "
              "their NPS (grey: too few answers). Beginnings taken by fewer than {share}% of journeys are left out. "
              "Click a box to zoom into its branch, its parent to zoom out.",
        "ko": "경로의 시작을 왼쪽에서 오른쪽으로: 상자 높이 = 그렇게 시작한 여정 수, 색 = 그 여정의 NPS(회색: 응답 부족). "
              "여정의 {share}% 미만이 지나는 시작은 뺐습니다. 상자를 클릭하면 그 가지를 확대하고, 부모를 클릭하면 돌아갑니다."},
    "nodes_stage": {"en": "Stages", "ko": "단계"},
    "nodes_channel": {"en": "Channels", "ko": "채널"},
    "nodes_touchpoint": {"en": "Touchpoints", "ko": "접점"},
    "edge_stage": {"en": "stage", "ko": "단계"},
    "edge_channel": {"en": "channel", "ko": "채널"},
    "edge_touchpoint": {"en": "touchpoint", "ko": "접점"},
    "map_edges_shown": {"en": "The map draws the {shown} most frequent of {total} transitions; the table lists all.",
                        "ko": "맵에는 전환 {total}개 중 가장 많은 {shown}개를 그렸고, 표에는 모두 있습니다."},
    "no_touchpoint_map": {"en": "A touchpoint map needs 2 to {max} named touchpoints; this data has a different number.",
                          "ko": "접점 맵은 이름 있는 접점이 2~{max}개일 때 그립니다. 이 데이터는 그렇지 않습니다."},
    "paths_title": {"en": "Most frequent paths", "ko": "가장 많은 경로"},
    "paths_explained": {"en": "Each journey's stages (channels) in order, repeats in a row counted once. Bar colour = "
                              "NPS of the path's journeys (grey, hatched: too few answers). Click a bar to list its "
                              "journeys.",
                        "ko": "여정의 단계(채널)를 순서대로, 연속 반복은 한 번으로 셉니다. 막대 색 = 그 경로 여정들의 NPS "
                              "(회색 빗금: 응답 부족). 막대를 클릭하면 해당 여정 목록이 나옵니다."},
    "detractor_paths_title": {"en": "Paths detractors take more than promoters",
                              "ko": "추천자보다 비추천자가 많이 거치는 경로"},
    "detractor_paths_explained": {
        "en": "Share of all detractors vs of all promoters on each path; Fisher's exact test, significant when the "
              "false-discovery-adjusted q < 0.05.",
        "ko": "경로별 전체 비추천자 중 비율과 전체 추천자 중 비율을 비교합니다. Fisher 정확검정, 거짓발견율 보정 q < 0.05이면 "
              "유의합니다."},
    "no_detractor_paths": {"en": "No path is taken by a larger share of detractors than of promoters (or there are no "
                                 "detractors or no promoters).",
                           "ko": "추천자보다 비추천자 비율이 높은 경로가 없습니다(또는 비추천자나 추천자가 없습니다)."},
    "process_map_title": {"en": "Process map", "ko": "프로세스 맵"},
    "process_map_explained": {
        "en": "Arrows = consecutive touchpoints of a journey in different stages (channels, touchpoints). Width = how often, "
              "colour = NPS of the journeys taking it (grey, dotted: too few answers). Click an arrow's dot to list "
              "its journeys.",
        "ko": "화살표 = 한 여정에서 단계(채널, 접점)가 바뀌는 연속된 두 접점. 굵기 = 횟수, 색 = 그 전환을 거친 여정의 NPS(회색 점선: "
              "응답 부족). 화살표 가운데 점을 클릭하면 해당 여정 목록이 나옵니다."},
    "no_transitions": {"en": "No journey in the selection changes stage (channel, touchpoint).",
                       "ko": "선택한 여정 중 단계(채널, 접점)가 바뀌는 여정이 없습니다."},
    "drill_active": {"en": "Showing the journeys of {what}.", "ko": "{what}의 여정을 보고 있습니다."},
    "drill_path": {"en": "{kind} {path}", "ko": "{kind} {path}"},
    "drill_transition": {"en": "{kind} transition {start} → {end}", "ko": "{kind} 전환 {start} → {end}"},
    "drill_clear": {"en": "Clear", "ko": "해제"},
    "journey_list_title": {"en": "Journeys", "ko": "여정 목록"},
    "journey_list_count": {"en": "{shown} of {total} journeys listed.", "ko": "여정 {total}건 중 {shown}건 표시."},
    "journey_list_hint": {"en": "Select a row to open the journey's episode.",
                          "ko": "행을 선택하면 그 여정의 에피소드가 열립니다."},
    "sort_by": {"en": "Sort by", "ko": "정렬 기준"},
    "sort_order": {"en": "Order", "ko": "순서"},
    "sort_nps": {"en": "NPS answer", "ko": "NPS 응답"},
    "sort_duration_hours": {"en": "Duration", "ko": "소요 시간"},
    "sort_handoffs": {"en": "Handoffs", "ko": "채널 전환 수"},
    "ascending": {"en": "Lowest first", "ko": "낮은 순"},
    "descending": {"en": "Highest first", "ko": "높은 순"},
    "episode_title": {"en": "Episode: journey {journey}", "ko": "에피소드: 여정 {journey}"},
    "episode_caption": {"en": "Customer {customer} · {n} touchpoints in journey order; personal data in comments "
                              "masked.",
                        "ko": "고객 {customer} · 여정 순서의 접점 {n}건. 의견의 개인정보는 가렸습니다."},
    "episode_unknown": {"en": "No journey has the id {journey}.", "ko": "ID가 {journey}인 여정이 없습니다."},
    "customer_journeys": {"en": "This customer's journeys ({n})", "ko": "이 고객의 여정 ({n}건)"},
    "time_axis": {"en": "Time", "ko": "시각"},
    "col_path": {"en": "Path", "ko": "경로"},
    "col_share": {"en": "Share %", "ko": "비율 %"},
    "col_low_sample": {"en": "Too few answers", "ko": "응답 부족"},
    "col_median_journey_hours": {"en": "Median journey (h)", "ko": "여정 소요 중앙값 (시간)"},
    "col_detractor_share": {"en": "% of detractors", "ko": "비추천자 중 %"},
    "col_promoter_share": {"en": "% of promoters", "ko": "추천자 중 %"},
    "col_ratio": {"en": "Ratio", "ko": "배율"},
    "col_q_value": {"en": "q (FDR)", "ko": "q (FDR)"},
    "col_significant": {"en": "Significant", "ko": "유의함"},
    "col_from": {"en": "From", "ko": "출발"},
    "col_to": {"en": "To", "ko": "도착"},
    "col_transitions": {"en": "Transitions", "ko": "전환 수"},
    "col_journey": {"en": "Journey", "ko": "여정"},
    "col_customer": {"en": "Customer", "ko": "고객"},
    "col_started": {"en": "Started", "ko": "시작"},
    "col_duration_hours": {"en": "Duration (h)", "ko": "소요 (시간)"},
    "col_handoffs": {"en": "Handoffs", "ko": "채널 전환"},
    "col_time": {"en": "Time", "ko": "시각"},
    "col_gap_hours": {"en": "Gap (h)", "ko": "간격 (시간)"},
    "col_satisfaction": {"en": "Satisfaction", "ko": "만족도"},
    "col_comment": {"en": "Comment", "ko": "의견"},
    "path_contains": {"en": "Path contains", "ko": "경로 포함"},
    "path_contains_placeholder": {"en": "e.g. app>call centre", "ko": "예: 앱>콜센터"},
    "help_path_contains": {"en": "Journeys whose stage path or channel path (repeats in a row counted once) has steps "
                                 "one after another whose names contain these words, separated by > (case is ignored).",
                           "ko": "단계 경로나 채널 경로(연속 반복은 한 번)에서 이어지는 단계들의 이름에 이 단어들이 차례로 들어 있는 "
                                 "여정만 봅니다. 단어는 >로 구분합니다(대소문자 무시)."},
    "drill_see_journeys": {"en": "See these journeys", "ko": "이 여정 보기"},
    "chart_filter": {"en": "Filtered to {choice} by a click on a chart.",
                     "ko": "차트 클릭으로 {choice}(으)로 필터링했습니다."},
    "chart_filter_part": {"en": "{what} {value}", "ko": "{what} {value}"},
    "and": {"en": " and ", "ko": ", "},
    "click_bar_filters_stage": {"en": "Click a bar to filter to its stage.", "ko": "막대를 클릭하면 해당 단계로 필터링합니다."},
    "click_cell_to_filter": {"en": "Click a cell to filter to its stage and channel.",
                             "ko": "칸을 클릭하면 해당 단계와 채널로 필터링합니다."},
    "click_pain_to_filter": {"en": "Select a row to filter to the pain point's stage (and its channel, when it has one).",
                             "ko": "행을 선택하면 해당 불편 접점의 단계(채널이 있으면 채널도)로 필터링합니다."},
    "click_driver_to_filter": {"en": "Click a stage's point to filter to that stage.",
                               "ko": "단계의 점을 클릭하면 해당 단계로 필터링합니다."},
    "click_handoff_for_journeys": {"en": "Click a cell to list the journeys with that handoff.",
                                   "ko": "칸을 클릭하면 그 채널 전환을 거친 여정 목록을 엽니다."},
}
