"""Messages of the facts pass's late outputs: what is still being written, and a wait that ran out."""

TEXT: dict[str, dict[str, str]] = {
    "late_output_touchpoint_cube": {"en": "touchpoint counts", "ko": "접점 집계"},
    "late_output_journey_stages": {"en": "journey stages", "ko": "여정 단계"},
    "late_output_steps": {"en": "journey steps", "ko": "여정 이동 단계"},
    "late_output_comments": {"en": "comments", "ko": "고객 의견"},
    "late_output_touchpoint_steps": {"en": "touchpoint steps", "ko": "접점 이동"},
    "late_output_customer_features": {"en": "customer features", "ko": "고객 특성"},
    "late_facts_timeout": {
        "en": "The {output} of this data are still being prepared after {seconds} seconds; try again in a moment.",
        "ko": "이 데이터의 {output}을(를) {seconds}초가 지나도록 준비하고 있습니다. 잠시 후 다시 시도하세요."},
    "late_facts_progress": {
        "en": "Preparing the rest of this data ({done} of {total}): {output}… Figures already shown are final; a page "
              "that needs it waits.",
        "ko": "이 데이터의 나머지를 준비하는 중({done}/{total}): {output}… 이미 표시된 수치는 최종 값이며, 이것이 필요한 "
              "페이지는 기다립니다."},
}
