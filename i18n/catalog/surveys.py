"""Messages of survey readings, their figures and the upload mapping (en + ko)."""

TEXT: dict[str, dict[str, str]] = {
    "drivers_no_fit": {"en": "the logistic model did not converge, with or without Firth's penalty",
                       "ko": "로지스틱 모형이 수렴하지 않음 (Firth 벌점 적합도 마찬가지)"},
    "drivers_fit_firth": {"en": "The usual (maximum-likelihood) fit has no finite estimates on these answers, so the "
                                "drivers come from Firth's penalised fit.",
                          "ko": "이 응답에서는 일반(최대우도) 적합의 추정값이 유한하지 않아, Firth 벌점 적합으로 동인을 "
                                "구했습니다."},
}
