"""Notes on how an upload was read (ingest.notes.Note; report.py prints the English as warnings)."""

TEXT: dict[str, dict[str, str]] = {
    "note_sheet": {"en": "Read sheet '{sheet}', the first of the workbook's {count} sheets.",
                   "ko": "통합 문서의 시트 {count}개 중 첫 번째 시트 '{sheet}'을(를) 읽었습니다."},
    "note_sheet_hidden": {"en": "Read sheet '{sheet}', the first visible one; the hidden sheet(s) {hidden} before "
                                "it were not read.",
                          "ko": "처음 보이는 시트 '{sheet}'을(를) 읽었습니다. 그 앞의 숨겨진 시트 {hidden}은(는) 읽지 "
                                "않았습니다."},
    "note_channel_constant": {
        "en": "Column '{column}' (channel) never changes within a journey, so no channel handoff can be seen with it: "
              "the handoff rate is 0 % by construction. Map channel to a column that can change along a journey.",
        "ko": "'{column}' 열(채널)은 한 여정 안에서 바뀌지 않아 채널 전환을 볼 수 없습니다: 전환율은 구조상 0 %입니다. "
              "여정 중에 바뀔 수 있는 열을 채널로 연결하세요."},
    "note_offsets_own": {
        "en": "Column '{column}' has times with UTC offsets {offsets}; they are kept at {shown} (the data's own, "
              "its smallest offset), so every duration is the true duration.",
        "ko": "'{column}' 열의 시각에 UTC 오프셋 {offsets}이(가) 있습니다. 모두 {shown}(데이터의 가장 작은 오프셋) "
              "기준으로 맞춰 두어 소요 시간이 실제 시간과 같습니다."},
    "note_offsets_setting": {
        "en": "Column '{column}' has times with UTC offsets {offsets}; they are kept at {shown} (setting "
              "display_timezone), so every duration is the true duration.",
        "ko": "'{column}' 열의 시각에 UTC 오프셋 {offsets}이(가) 있습니다. 모두 {shown}(display_timezone 설정) "
              "기준으로 맞춰 두어 소요 시간이 실제 시간과 같습니다."},
    "note_formulas": {"en": "{count} formula cells in {columns} have no saved result and were read as empty (first "
                            "on row {row}); open the file in Excel and save it to keep the results.",
                      "ko": "{columns}의 수식 셀 {count}개에 저장된 결과가 없어 빈 값으로 읽었습니다(첫 번째: {row}행). "
                            "Excel에서 파일을 열어 저장하면 결과가 함께 저장됩니다."},
    "note_unused_score": {"en": "Column '{column}' holds {scale} scores but no field uses it, so no figure counts it; "
                                "map it to nps, satisfaction or ces.",
                          "ko": "'{column}' 열은 {scale} 점수인데 어느 항목에도 연결되지 않아 어떤 지표에도 쓰이지 않습니다. "
                                "nps, satisfaction 또는 ces에 연결하세요."},
    "note_renamed": {"en": "Column '{column}' is named '{name}' here: '{column}' is a name cxlens uses itself.",
                     "ko": "'{column}' 열은 여기서 '{name}'(이)라는 이름으로 씁니다. '{column}'은(는) cxlens가 내부에서 "
                           "쓰는 이름입니다."},
}
