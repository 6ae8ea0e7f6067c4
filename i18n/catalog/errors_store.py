"""Problems with the data source, the facts and the cache directory, raised by store/ and errors.py as
``DataError(key, **values)``."""

TEXT: dict[str, dict[str, str]] = {
    # --- finding and reading the source
    "source_missing": {"en": "The data source {source} does not exist.", "ko": "데이터 소스 {source}이(가) 없습니다."},
    "source_no_parquet": {"en": "The directory {source} holds no Parquet files.",
                          "ko": "{source} 디렉터리에 Parquet 파일이 없습니다."},
    "source_no_match": {"en": "No file matches {source}.", "ko": "{source}에 맞는 파일이 없습니다."},
    "source_unlistable": {"en": "Could not list {pattern}: {problem}", "ko": "{pattern}의 목록을 가져올 수 없습니다: {problem}"},
    "source_unreadable_parquet": {"en": "Could not read {file} as Parquet: {problem}",
                                  "ko": "{file}을(를) Parquet으로 읽을 수 없습니다: {problem}"},
    "source_missing_column": {"en": "The data has no '{column}' column, which is required.",
                              "ko": "데이터에 필수 열 '{column}'이(가) 없습니다."},
    "source_timestamp_type": {"en": "Column 'timestamp' holds {type}, not dates and times.",
                              "ko": "'timestamp' 열에 날짜·시간이 아닌 {type} 값이 들어 있습니다."},
    "source_score_type": {"en": "Column '{column}' holds {type}, not numbers.",
                          "ko": "'{column}' 열에 숫자가 아닌 {type} 값이 들어 있습니다."},
    "source_unconvertible": {"en": "Column '{column}' has values that cannot be read as {type}: {problem}",
                             "ko": "'{column}' 열에 {type}(으)로 읽을 수 없는 값이 있습니다: {problem}"},
    "source_unreadable": {"en": "The data could not be read: {problem}", "ko": "데이터를 읽을 수 없습니다: {problem}"},
    "source_no_valid_rows": {"en": "{name} has no events to analyse: it has no valid rows.",
                             "ko": "{name}에는 분석할 이벤트가 없습니다. 유효한 행이 하나도 없습니다."},
    # --- facts written by a facts pass (DuckDB or Spark)
    "facts_incomplete": {"en": "The facts directory {facts} has no {missing}: it was not written by a complete facts "
                               "pass.",
                         "ko": "팩트 디렉터리 {facts}에 {missing}이(가) 없습니다. 팩트 계산이 끝까지 실행되지 않았습니다."},
    "facts_other_version": {"en": "The facts directory {facts} was written by another version of cxlens (facts format "
                                  "{found}; this one reads {expected}): run its facts pass again.",
                            "ko": "팩트 디렉터리 {facts}는 다른 버전의 cxlens가 썼습니다(팩트 형식 {found}, 이 버전은 "
                                  "{expected}을(를) 읽음). 팩트 계산을 다시 실행하세요."},
    "spark_not_started": {"en": "Spark could not be started ({problem}); is Java installed (apt-get install "
                                "default-jre-headless) and the master reachable?",
                          "ko": "Spark를 시작할 수 없습니다({problem}). Java가 설치되어 있는지(apt-get install "
                                "default-jre-headless), 마스터에 연결할 수 있는지 확인하세요."},
    # --- the cache directory (errors.CacheError: the operator's problem, not the data's)
    "cache_unwritable": {"en": "The cache directory {directory} cannot be written ({problem}); set CXLENS_CACHE_DIR to a "
                               "writable directory with free space.",
                         "ko": "캐시 디렉터리 {directory}에 쓸 수 없습니다({problem}). CXLENS_CACHE_DIR을 여유 공간이 "
                               "있는 쓰기 가능한 디렉터리로 지정하세요."},
}
