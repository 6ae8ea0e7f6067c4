"""Derived personas: the persona source, the derived personas page and map, the customer features, and the trait words of the generated labels."""

TEXT: dict[str, dict[str, str]] = {
    "persona_source": {"en": "Persona source", "ko": "페르소나 기준"},
    "help_persona_source": {
        "en": "The data's own persona column, or personas derived from the customers' behaviour (channels, journeys, "
              "speed, inquiries, ratings). With derived personas every persona filter, split and export uses them.",
        "ko": "데이터의 페르소나 열을 쓸지, 고객 행동(채널, 여정, 속도, 문의, 평가)에서 도출한 페르소나를 쓸지 정합니다. "
              "도출한 페르소나를 고르면 모든 페르소나 필터, 분할, 내보내기에 그것이 쓰입니다."},
    "persona_source_data": {"en": "The data's persona column", "ko": "데이터의 페르소나 열"},
    "persona_source_auto": {"en": "Derived (number automatic)", "ko": "행동 기반 (개수 자동)"},
    "persona_source_k": {"en": "Derived, {k} personas", "ko": "행동 기반, {k}개"},
    "warn_unknown_personas": {
        "en": "The link's personas={value} is not data, auto or a number from 2 to 8: the data's persona column is used.",
        "ko": "링크의 personas={value} 값은 data, auto, 2~8 중 하나가 아니어서 데이터의 페르소나 열을 사용합니다."},
    "deriving_personas": {"en": "Deriving personas from the customers' behaviour…",
                          "ko": "고객 행동에서 페르소나를 도출하는 중…"},
    "derived_failed": {"en": "Personas could not be derived: {error} The data's persona column is used.",
                       "ko": "페르소나를 도출할 수 없습니다: {error} 데이터의 페르소나 열을 사용합니다."},
    "derived_title": {"en": "Personas derived from behaviour", "ko": "행동에서 도출한 페르소나"},
    "derived_caption": {
        "en": "{customers} customers clustered on {n} behavioural features by {method}; {k} personas ({how}). "
              "Labels name each persona's two most distinctive traits; a trait is a feature at least 0.5 standard "
              "deviations (z) from the average customer. Figures are those of the selected journeys.",
        "ko": "고객 {customers}명을 행동 특성 {n}개로 {method} 방식으로 군집화했습니다. 페르소나 {k}개({how}). "
              "이름은 각 페르소나의 가장 두드러진 특성 두 가지이며, 특성은 평균 고객과 0.5 표준편차(z) 이상 "
              "차이 나는 항목입니다. 수치는 선택한 여정 기준입니다."},
    "derived_method_som": {"en": "a self-organising map whose nodes are grouped by k-means",
                           "ko": "자기조직화지도(SOM) 노드의 k-평균"},
    "derived_method_kmeans": {"en": "k-means", "ko": "k-평균"},
    "derived_k_given": {"en": "the number chosen in the sidebar", "ko": "사이드바에서 지정한 개수"},
    "derived_k_auto": {"en": "k with the lowest Davies–Bouldin index among 2–8",
                       "ko": "2~8 중 Davies–Bouldin 지수가 가장 낮은 개수"},
    "derived_features": {"en": "Features used", "ko": "사용한 특성"},
    "help_derived_features": {
        "en": "The customer features the clustering uses (docs/personas.md defines each one). Changing them "
              "derives the personas again, for every page.",
        "ko": "군집화에 쓰는 고객 특성입니다(각 특성의 정의는 docs/personas.md 참조). 바꾸면 모든 페이지의 페르소나를 다시 도출합니다."},
    "derived_hint": {
        "en": "These personas come from the data's own persona column. To derive personas from the customers' "
              "behaviour instead, choose “Derived” under “Persona source” in the sidebar.",
        "ko": "지금 페르소나는 데이터의 페르소나 열입니다. 고객 행동에서 페르소나를 도출하려면 사이드바의 "
              "‘페르소나 기준’에서 ‘행동 기반’을 고르세요."},
    "persona_map_title": {"en": "Persona map", "ko": "페르소나 지도"},
    "persona_map_caption_som": {
        "en": "Each circle is a node of the self-organising map: customers who behave alike sit in the same or "
              "nearby nodes. Colour: persona; size: customers in the node.",
        "ko": "원 하나가 자기조직화지도의 노드입니다. 행동이 비슷한 고객은 같은 노드나 가까운 노드에 놓입니다. "
              "색: 페르소나, 크기: 노드의 고객 수."},
    "persona_map_caption_kmeans": {
        "en": "Customers on the first two principal components of their features, counted per cell. Colour: persona; "
              "size: customers.",
        "ko": "고객 특성의 첫 두 주성분 평면에 고객을 놓고 칸마다 센 그림입니다. 색: 페르소나, 크기: 고객 수."},
    "map_customers": {"en": "customers", "ko": "고객"},
    "col_customers": {"en": "Customers", "ko": "고객 수"},
    "col_customer_share": {"en": "Share of customers %", "ko": "고객 비중 %"},
    "col_weakest_stage": {"en": "Weakest stage", "ko": "가장 약한 단계"},
    "col_representative": {"en": "Representative customer", "ko": "대표 고객"},
    "col_traits": {"en": "Traits", "ko": "특성"},
    "col_episode": {"en": "Latest journey", "ko": "최근 여정"},
    "derived_features_count": {"en": "Features used ({n} of {all})", "ko": "사용한 특성 ({all}개 중 {n}개)"},
    "feat_journeys": {"en": "Journeys", "ko": "여정 수"},
    "feat_touchpoints_per_journey": {"en": "Touchpoints per journey", "ko": "여정당 접점 수"},
    "feat_median_journey_hours": {"en": "Median journey hours", "ko": "여정 소요시간 중앙값"},
    "feat_gap_hours": {"en": "Hours between touchpoints", "ko": "접점 간 시간"},
    "feat_handoffs_per_journey": {"en": "Handoffs per journey", "ko": "여정당 채널 전환"},
    "feat_nps": {"en": "NPS answer", "ko": "NPS 응답"},
    "feat_rated_share": {"en": "Share of touchpoints rated", "ko": "평가한 접점 비율"},
    "feat_channel": {"en": "Channel share: {value}", "ko": "채널 비율: {value}"},
    "feat_reach": {"en": "Reaches: {value}", "ko": "도달: {value}"},
    "feat_touch": {"en": "Touchpoints in: {value}", "ko": "접점 비율: {value}"},
    "feat_attribute": {"en": "Attribute: {value}", "ko": "속성: {value}"},
    "open_episode": {"en": "open", "ko": "열기"},
    # trait words for the generated labels; {value} is a channel, stage or attribute value as the data spells it
    "ptrait_journeys_high": {"en": "many journeys", "ko": "여정 많음"},
    "ptrait_journeys_low": {"en": "one-off", "ko": "단발성"},
    "ptrait_touchpoints_per_journey_high": {"en": "long journeys", "ko": "긴 여정"},
    "ptrait_touchpoints_per_journey_low": {"en": "short journeys", "ko": "짧은 여정"},
    "ptrait_median_journey_hours_high": {"en": "slow journeys", "ko": "느린 여정"},
    "ptrait_median_journey_hours_low": {"en": "fast journeys", "ko": "빠른 여정"},
    "ptrait_gap_hours_high": {"en": "long pauses", "ko": "긴 공백"},
    "ptrait_gap_hours_low": {"en": "in one go", "ko": "한 번에 처리"},
    "ptrait_handoffs_per_journey_high": {"en": "many handoffs", "ko": "잦은 채널 전환"},
    "ptrait_handoffs_per_journey_low": {"en": "one channel per journey", "ko": "단일 채널"},
    "ptrait_nps_high": {"en": "promoters", "ko": "추천 의향 높음"},
    "ptrait_nps_low": {"en": "detractors", "ko": "추천 의향 낮음"},
    "ptrait_rated_share_high": {"en": "rates often", "ko": "평가 적극적"},
    "ptrait_rated_share_low": {"en": "rarely rates", "ko": "평가 드묾"},
    "ptrait_channel_high": {"en": "{value}-first", "ko": "{value} 중심"},
    "ptrait_channel_low": {"en": "little {value}", "ko": "{value} 적음"},
    "ptrait_reach_high": {"en": "reaches {value}", "ko": "{value}까지 도달"},
    "ptrait_reach_low": {"en": "stops before {value}", "ko": "{value} 전 이탈"},
    "ptrait_touch_high": {"en": "much {value}", "ko": "{value} 많음"},
    "ptrait_touch_low": {"en": "little {value}", "ko": "{value} 적음"},
    "ptrait_attribute_high": {"en": "{value}", "ko": "{value}"},
    "ptrait_attribute_low": {"en": "few {value}", "ko": "{value} 적음"},
    "persona_fallback": {"en": "Persona {n}", "ko": "페르소나 {n}"},
    "trait_line": {"en": "{phrase}: {value} vs {overall} on average (z {z})",
                   "ko": "{phrase}: {value} (평균 {overall}, z {z})"},
    "trait_line_z": {"en": "{phrase} (z {z})", "ko": "{phrase} (z {z})"},
}
