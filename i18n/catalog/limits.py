"""Messages of limits on hostile files: refused or bounded, and safe exports."""

TEXT: dict[str, dict[str, str]] = {
    "xes_entities": {
        "en": "{name} declares XML entities in its DOCTYPE, which an XES log does not need; it is not read.",
        "ko": "{name} 파일은 DOCTYPE에 XES 로그에 필요 없는 XML 엔티티를 선언하고 있어 읽지 않습니다.",
    },
    "note_dimensions_capped": {
        "en": "Only {dims} text columns are offered as filters; {plain} more could have been and are kept as plain "
              "columns (the ones with two or more values and the fewest empty cells are filters; {setting} sets "
              "how many).",
        "ko": "텍스트 열 {dims}개만 필터로 제공합니다. 필터가 될 수 있는 나머지 {plain}개 열은 일반 열로 둡니다"
              "(값이 둘 이상이고 빈 칸이 가장 적은 열을 필터로 삼으며, 개수는 {setting} 설정으로 정합니다).",
    },
    "too_many_columns": {
        "en": "{name} has {columns} columns, more than the {limit} a file may have (setting CXLENS_MAX_COLUMNS); "
              "leave out the columns you do not need.",
        "ko": "{name} 파일의 열이 {columns}개로, 허용되는 {limit}개(CXLENS_MAX_COLUMNS 설정)보다 많습니다. 필요 없는 열을 "
              "빼고 올려 주세요.",
    },
    "xes_too_sparse": {
        "en": "{name} is not read: the {events} events in it carry {keys} different attribute keys, a table of {cells} "
              "cells for {values} values, almost all empty.",
        "ko": "{name} 파일은 읽지 않습니다. 이벤트 {events}건에 서로 다른 속성 키가 {keys}개 있어, 값 {values}개를 위해 "
              "거의 모두 빈 칸인 {cells}칸짜리 표가 필요합니다.",
    },
    "too_many_ratings": {
        "en": "{name} has {ratings} rating columns, more than the {limit} a survey may have (setting "
              "CXLENS_MAX_RATING_COLUMNS); leave out the questions you do not need.",
        "ko": "{name} 파일의 평점 열이 {ratings}개로, 설문 하나에 허용되는 {limit}개(CXLENS_MAX_RATING_COLUMNS 설정)보다 "
              "많습니다. 필요 없는 문항을 빼고 올려 주세요.",
    },
    "since_after_until": {
        "en": "--since {since} is after --until {until}: no journey can start in that period.",
        "ko": "--since {since}이(가) --until {until}보다 늦어 그 기간에 시작하는 여정이 있을 수 없습니다.",
    },
}
