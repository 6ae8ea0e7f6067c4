"""Problems in an uploaded or named file, raised by ingest/ as ``DataError(key, **values)``: reading, unpacking,
Excel, XES, mapping columns to fields, surveys and invalid rows."""

TEXT: dict[str, dict[str, str]] = {
    # --- reading a file
    "file_unreadable": {"en": "The file {path} does not exist or cannot be read.",
                        "ko": "{path} 파일이 없거나 읽을 수 없습니다."},
    "file_too_big": {"en": "{name} is {mb} MB, over the upload limit of {limit} MB (setting upload_limit_mb).",
                     "ko": "{name}은(는) {mb} MB로 업로드 한도 {limit} MB를 넘습니다(upload_limit_mb 설정)."},
    "file_empty": {"en": "{name} is empty.", "ko": "{name} 파일이 비어 있습니다."},
    "file_nested_archive": {"en": "{name} holds a compressed file inside a compressed file; unpack the outer one.",
                            "ko": "{name} 안에 압축 파일이 또 들어 있습니다. 바깥 압축을 먼저 푸세요."},
    "file_not_a_table": {"en": "{name} is not a table: it looks like {kind}.",
                         "ko": "{name}은(는) 표가 아닙니다: {kind}(으)로 보입니다."},
    "file_binary": {"en": "{name} is not a table: it holds binary data, not text.",
                    "ko": "{name}은(는) 표가 아닙니다: 텍스트가 아닌 바이너리 데이터입니다."},
    "file_bad_encoding": {
        "en": "{name} is neither UTF-8 nor CP949/EUC-KR text (undecodable byte 0x{byte} in line {line}); save it as "
              "CSV UTF-8.",
        "ko": "{name}은(는) UTF-8도 CP949/EUC-KR 텍스트도 아닙니다({line}행에 해석할 수 없는 바이트 0x{byte}). "
              "CSV UTF-8로 저장해 주세요."},
    "file_bad_encoding_in_column": {
        "en": "{name} is neither UTF-8 nor CP949/EUC-KR text (undecodable byte 0x{byte} in column '{column}', line "
              "{line}); save it as CSV UTF-8.",
        "ko": "{name}은(는) UTF-8도 CP949/EUC-KR 텍스트도 아닙니다('{column}' 열 {line}행에 해석할 수 없는 바이트 "
              "0x{byte}). CSV UTF-8로 저장해 주세요."},
    "file_duplicate_column": {"en": "{name} has the column name '{column}' twice in its header; rename one.",
                              "ko": "{name}의 머리글에 '{column}' 열 이름이 두 번 있습니다. 하나의 이름을 바꿔 주세요."},
    "file_unreadable_table": {"en": "{name} could not be read as a table: {problem}",
                              "ko": "{name}을(를) 표로 읽을 수 없습니다: {problem}"},
    "file_header_columns": {"en": "{name} could not be read as a table: its header has {n} columns.",
                            "ko": "{name}을(를) 표로 읽을 수 없습니다: 머리글의 열이 {n}개뿐입니다."},
    "file_no_columns": {"en": "{name} is not a table: it has no columns.", "ko": "{name}은(는) 표가 아닙니다: 열이 없습니다."},
    "file_no_data_rows": {"en": "{name} has a header but no data rows.",
                          "ko": "{name}에는 머리글만 있고 데이터 행이 없습니다."},
    "parquet_unreadable": {"en": "{name} could not be read as Parquet: {problem}",
                           "ko": "{name}을(를) Parquet으로 읽을 수 없습니다: {problem}"},
    "parquet_no_rows": {"en": "{name} has columns but no rows: there are no events in it.",
                        "ko": "{name}에는 열만 있고 행이 없습니다. 이벤트가 하나도 없습니다."},
    # --- compressed files
    "archive_too_big": {"en": "{name} unpacks to more than {limit} MB, the limit for a compressed file (setting "
                              "unpacked_limit_mb).",
                        "ko": "{name}의 압축을 풀면 압축 파일 한도인 {limit} MB를 넘습니다(unpacked_limit_mb 설정)."},
    "gzip_truncated": {"en": "{name} is a gzip file that ends early (it was cut off); upload it again.",
                       "ko": "{name}은(는) 중간에 끊긴 gzip 파일입니다. 다시 업로드해 주세요."},
    "gzip_damaged": {"en": "{name} is a damaged gzip file.", "ko": "{name}은(는) 손상된 gzip 파일입니다."},
    "zip_damaged": {"en": "{name} is a damaged zip file.", "ko": "{name}은(는) 손상된 zip 파일입니다."},
    "zip_not_one_file": {"en": "{name} holds {n} files ({files}); a .zip must hold exactly one table.",
                         "ko": "{name}에 파일이 {n}개 있습니다({files}). .zip에는 표 하나만 들어 있어야 합니다."},
    "zip_encrypted": {"en": "{name} is encrypted; unzip it and upload the file itself.",
                      "ko": "{name}은(는) 암호화되어 있습니다. 압축을 풀고 파일 자체를 업로드해 주세요."},
    # --- Excel workbooks
    "xlsx_unreadable": {"en": "{name} could not be read as an Excel workbook: {problem}",
                        "ko": "{name}을(를) Excel 통합 문서로 읽을 수 없습니다: {problem}"},
    "xlsx_not_zip": {"en": "{name} could not be read as an Excel workbook: it is not a valid .xlsx (zip) file.",
                     "ko": "{name}을(를) Excel 통합 문서로 읽을 수 없습니다: 올바른 .xlsx(zip) 파일이 아닙니다."},
    "xlsx_no_visible_sheet": {"en": "{name} has no visible worksheet to read.",
                              "ko": "{name}에 읽을 수 있는 보이는 워크시트가 없습니다."},
    "xlsx_too_big": {"en": "{name} unpacks to {mb} MB, over the limit of {limit} MB for an Excel workbook (setting "
                           "unpacked_limit_mb); save it as CSV and upload that.",
                     "ko": "{name}의 압축을 풀면 {mb} MB로 Excel 통합 문서 한도 {limit} MB를 넘습니다"
                           "(unpacked_limit_mb 설정). CSV로 저장해 업로드해 주세요."},
    "xlsx_zip_bomb": {"en": "{name} unpacks to {mb} MB from {packed} MB, more than {ratio} times its size: that is a "
                            "zip bomb, not a table, and it is not read.",
                      "ko": "{name}은(는) {packed} MB에서 {mb} MB로 풀려 원래 크기의 {ratio}배를 넘습니다. 표가 아니라 "
                            "압축 폭탄이므로 읽지 않습니다."},
    "xlsx_odd_compression": {"en": "{name} is compressed in a way Excel does not write; save it again from Excel.",
                             "ko": "{name}은(는) Excel이 쓰지 않는 방식으로 압축되어 있습니다. Excel에서 다시 저장해 주세요."},
    "xlsx_damaged_part": {"en": "{name} could not be read as an Excel workbook: its part {part} is damaged.",
                          "ko": "{name}을(를) Excel 통합 문서로 읽을 수 없습니다: {part} 부분이 손상되었습니다."},
    "xlsx_no_sheets": {"en": "{name} could not be read as an Excel workbook: it lists no sheets.",
                       "ko": "{name}을(를) Excel 통합 문서로 읽을 수 없습니다: 시트 목록이 없습니다."},
    # --- XES event logs
    "xes_malformed": {"en": "{name} is not a well-formed XES log: {problem}.",
                      "ko": "{name}은(는) 올바른 형식의 XES 로그가 아닙니다: {problem}."},
    "xes_no_events": {"en": "{name} is an XES log without events.", "ko": "{name}은(는) 이벤트가 없는 XES 로그입니다."},
    # --- settings read while ingesting
    "setting_bad_timezone": {
        "en": "The display_timezone setting '{value}' is neither a time zone (e.g. Asia/Seoul) nor an offset (e.g. "
              "+09:00).",
        "ko": "display_timezone 설정값 '{value}'은(는) 시간대(예: Asia/Seoul)도 오프셋(예: +09:00)도 아닙니다."},
    # --- mapping the file's columns to the fields (report.py --map; {report_flags} is empty on the page)
    "map_unknown_field": {"en": "'{field}' is not a column cxlens knows; use one of {fields}.",
                          "ko": "'{field}'은(는) cxlens가 아는 열이 아닙니다. 다음 중 하나를 쓰세요: {fields}."},
    "map_no_such_column": {"en": "The file has no column '{column}' to use as '{field}'.",
                           "ko": "파일에 '{field}'(으)로 쓸 '{column}' 열이 없습니다."},
    "map_ambiguous": {"en": "Columns {columns} could all be '{field}'; choose one{report_flags}.",
                      "ko": "{columns} 열이 모두 '{field}'일 수 있습니다. 하나를 고르세요{report_flags}."},
    "map_missing_one": {"en": "The file has no column for '{field}', which is required{hints}; map one{report_flags}.",
                        "ko": "파일에 필수 항목 '{field}'에 해당하는 열이 없습니다{hints}. 열 하나를 연결하세요{report_flags}."},
    "map_missing_many": {"en": "The file has no column for {fields}, which are required{hints}; map them{report_flags}.",
                         "ko": "파일에 필수 항목 {fields}에 해당하는 열이 없습니다{hints}. 열을 연결하세요{report_flags}."},
    "map_hint": {"en": "; from its values, '{column}' looks like '{field}'",
                 "ko": " (값으로 보아 '{column}' 열이 '{field}'인 듯합니다)"},
    "map_report_flags": {"en": " (report.py: {flags})", "ko": " (report.py: {flags})"},
    # --- surveys
    "survey_no_outcome_column": {"en": "The file has no column '{column}' to use as the outcome.",
                                 "ko": "파일에 결과로 쓸 '{column}' 열이 없습니다."},
    "survey_bad_outcome": {"en": "Column '{column}' cannot be the outcome: it is neither a 0–10 score, a rating nor a "
                                 "label with two values.",
                           "ko": "'{column}' 열은 결과가 될 수 없습니다. 0–10 점수도, 평점도, 두 값 레이블도 아닙니다."},
    "survey_no_stage_column": {"en": "The file has no column '{column}' to map to a stage.",
                               "ko": "파일에 단계로 연결할 '{column}' 열이 없습니다."},
    "survey_outcome_reused": {"en": "Column '{column}' cannot be both the outcome and the respondent id, date, persona "
                                    "or channel.",
                              "ko": "'{column}' 열은 결과이면서 동시에 응답자 ID, 날짜, 페르소나, 채널일 수 없습니다."},
    "survey_no_rating_column": {
        "en": "{name} has no rating column (whole-number answers on a 1–5, 1–7, 1–10 or 0–10 scale), so it cannot be "
              "read as a survey.",
        "ko": "{name}에는 평점 열(1–5, 1–7, 1–10, 0–10 척도의 정수 응답)이 없어 설문으로 읽을 수 없습니다."},
    "survey_duplicate_respondent": {
        "en": "Column '{column}' has the respondent id '{value}' on more than one row; a survey needs one row per "
              "respondent.",
        "ko": "'{column}' 열의 응답자 ID '{value}'이(가) 여러 행에 있습니다. 설문은 응답자마다 한 행이어야 합니다."},
    "survey_no_ratings": {"en": "{name}: no respondent answered any of the {n} rating columns ({columns}) with a rating.",
                          "ko": "{name}: 평점 열 {n}개({columns}) 중 어디에도 평점을 준 응답자가 없습니다."},
    # --- invalid rows (report.py --strict, and a file whose rows are mostly invalid)
    "rows_invalid_one": {"en": "{name}: 1 row is invalid; first: row {row}, {reason}.",
                         "ko": "{name}: 유효하지 않은 행이 1개 있습니다. {row}행: {reason}."},
    "rows_invalid_many": {"en": "{name}: {count} rows are invalid; first: row {row}, {reason}.",
                          "ko": "{name}: 유효하지 않은 행이 {count}개 있습니다. 첫 번째 {row}행: {reason}."},
    "rows_none_valid": {"en": "{name}: no row is valid; first: row {row}, {reason}. Check which column feeds each field.",
                        "ko": "{name}: 유효한 행이 하나도 없습니다. 첫 번째 {row}행: {reason}. 각 항목에 어떤 열을 "
                              "연결했는지 확인하세요."},
    "rows_mostly_invalid": {"en": "{name}: {count} of {total} rows ({share}%) are invalid; first: row {row}, {reason}. "
                                  "Check which column feeds each field.",
                            "ko": "{name}: 전체 {total}행 중 {count}행({share}%)이 유효하지 않습니다. 첫 번째 {row}행: "
                                  "{reason}. 각 항목에 어떤 열을 연결했는지 확인하세요."},
    "cells_invalid_one": {"en": "{name}: 1 cell is invalid; first: row {row}, {reason}.",
                          "ko": "{name}: 유효하지 않은 셀이 1개 있습니다. {row}행: {reason}."},
    "cells_invalid_many": {"en": "{name}: {count} cells are invalid; first: row {row}, {reason}.",
                           "ko": "{name}: 유효하지 않은 셀이 {count}개 있습니다. 첫 번째 {row}행: {reason}."},
    # --- why a row is invalid (the quarantine's reason; {field} is the canonical field)
    "invalid_missing": {"en": "{field} is missing", "ko": "{field} 값이 없음"},
    "invalid_timestamp": {"en": "timestamp '{value}' is not a date and time",
                          "ko": "timestamp '{value}'은(는) 날짜·시간이 아님"},
    "invalid_not_number": {"en": "{field} '{value}' is not a number", "ko": "{field} '{value}'은(는) 숫자가 아님"},
    "invalid_out_of_range": {"en": "{field} {value} is outside {low}–{high}",
                             "ko": "{field} {value}은(는) {low}–{high} 범위를 벗어남"},
    "invalid_not_whole": {"en": "nps {value} is not a whole number", "ko": "nps {value}은(는) 정수가 아님"},
    "invalid_not_rating": {"en": "{column} '{value}' is not a rating on its {scale} scale",
                           "ko": "{column} '{value}'은(는) {scale} 척도의 평점이 아님"},
    "invalid_not_scale_number": {"en": "{column} '{value}' is not a number on its {scale} scale",
                                 "ko": "{column} '{value}'은(는) {scale} 척도의 숫자가 아님"},
    "invalid_no_rating": {"en": "no rating in any of the {n} rating columns", "ko": "평점 열 {n}개 중 어디에도 평점이 없음"},
}
