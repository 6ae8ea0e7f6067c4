"""Messages of the second hardening round (issue 23): hostile files refused or bounded, safe exports."""

TEXT: dict[str, dict[str, str]] = {
    "xes_entities": {
        "en": "{name} declares XML entities in its DOCTYPE, which an XES log does not need; it is not read.",
        "ko": "{name} 파일은 DOCTYPE에 XES 로그에 필요 없는 XML 엔티티를 선언하고 있어 읽지 않습니다.",
    },
}
