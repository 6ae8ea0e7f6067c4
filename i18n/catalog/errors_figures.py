"""Problems with a request or a setting, raised by figures/ and report.py as ``DataError(key, **values)``: a journey
or persona feature that is not there, a target setting, report.py's flags and output files."""

TEXT: dict[str, dict[str, str]] = {
    # --- figures
    "journey_not_found": {"en": "No journey has the id {journey} (column 'journey_id').",
                          "ko": "ID가 {journey}인 여정이 없습니다('journey_id' 열)."},
    "persona_unknown_feature": {"en": "Unknown persona feature {feature}; the features of this data are: {features}.",
                                "ko": "알 수 없는 페르소나 특성 {feature}입니다. 이 데이터의 특성: {features}."},
    "personas_k_too_small": {"en": "--personas needs 'auto' or a number of personas of at least 2, not {k}.",
                             "ko": "--personas에는 'auto' 또는 2 이상의 페르소나 개수가 필요합니다({k}은(는) 안 됨)."},
    "personas_no_variation": {"en": "No persona feature varies between customers: there is nothing to tell them apart "
                                    "by.",
                              "ko": "고객마다 다른 페르소나 특성이 없어 고객을 구분할 기준이 없습니다."},
    "personas_k_too_large": {"en": "{k} personas are more than the {customers} customers of the data.",
                             "ko": "페르소나 {k}개는 데이터의 고객 {customers}명보다 많습니다."},
    "setting_bad_target": {"en": "Setting target_{kpi} (CXLENS_TARGET_{env}): the target {value} is not a number.",
                           "ko": "target_{kpi} 설정(CXLENS_TARGET_{env}): 목표값 {value}은(는) 숫자가 아닙니다."},
    # --- report.py's flags and files
    "report_no_data": {"en": "Name the data (DATA) or a facts directory (--facts DIR).",
                       "ko": "데이터(DATA)나 팩트 디렉터리(--facts DIR)를 지정하세요."},
    "report_bad_pair": {"en": "{flag} {pair} is not of the form {example}.",
                        "ko": "{flag} {pair}은(는) {example} 형식이 아닙니다."},
    "report_survey_flags_need_file": {
        "en": "--survey, --events, --outcome, --rating-stage, --weight and --rake apply only to a single .csv, .tsv, "
              ".txt, .xlsx or .parquet file.",
        "ko": "--survey, --events, --outcome, --rating-stage, --weight, --rake는 .csv, .tsv, .txt, .xlsx, .parquet "
              "파일 하나에만 쓸 수 있습니다."},
    "report_map_needs_file": {
        "en": "--map applies only to a single .csv, .tsv, .txt, .xlsx, .parquet or .xes file (or a .gz or .zip of one).",
        "ko": "--map은 .csv, .tsv, .txt, .xlsx, .parquet, .xes 파일 하나(또는 그 .gz, .zip)에만 쓸 수 있습니다."},
    "report_rows_invalid": {"en": "{count} rows are invalid; first: row {row} of {file}, {reason}.",
                            "ko": "유효하지 않은 행이 {count}개 있습니다. 첫 번째: {file}의 {row}행, {reason}."},
    "report_cannot_write": {"en": "{path} cannot be written ({problem}).", "ko": "{path}에 쓸 수 없습니다({problem})."},
    "report_personas_out_unwritable": {"en": "--personas-out {path} cannot be written ({problem}).",
                                       "ko": "--personas-out {path}에 쓸 수 없습니다({problem})."},
}
