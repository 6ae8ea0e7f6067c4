"""The sign-in screen and the access decisions shown to a person (hosting/sign_in.py, hosting/access.py)."""

TEXT: dict[str, dict[str, str]] = {
    "access_open": {"en": "Open access: no sign-in is configured (for local use).",
                    "ko": "공개 접속: 로그인이 설정되어 있지 않습니다(로컬 사용용)."},
    "access_signed_in": {"en": "Signed in as {name} ({email}).", "ko": "{name}({email}) 님으로 로그인했습니다."},
    "sign_in": {"en": "Sign in", "ko": "로그인"},
    "sign_out": {"en": "Sign out", "ko": "로그아웃"},
    "access_login_needed": {"en": "This dashboard is for signed-in colleagues: sign in with your company account.",
                            "ko": "로그인한 사용자만 볼 수 있습니다. 회사 계정으로 로그인하세요."},
    "access_wrong_domain": {
        "en": "{email} has no access: accounts of {detail} are not allowed here. Sign out and sign in with your "
              "company account.",
        "ko": "{email} 계정은 접근할 수 없습니다: {detail} 도메인은 허용되지 않습니다. 로그아웃한 뒤 회사 계정으로 로그인하세요.",
    },
    "access_no_email": {
        "en": "Your sign-in gave no e-mail address, which is needed to check access. Sign out and sign in with "
              "your company account.",
        "ko": "로그인 정보에 접근 확인에 필요한 이메일 주소가 없습니다. 로그아웃한 뒤 회사 계정으로 로그인하세요.",
    },
    "access_unverified": {"en": "The sign-in provider has not verified the e-mail {detail}. Verify it, or sign "
                                "out and use another account.",
                          "ko": "로그인 제공자가 이메일 {detail}을(를) 인증하지 않았습니다. 인증하거나 로그아웃한 뒤 다른 계정을 "
                                "쓰세요."},
    "access_bad_secrets": {"en": "The dashboard is closed: .streamlit/secrets.toml could not be read. Ask the "
                                 "administrator to fix it.",
                           "ko": "대시보드가 닫혀 있습니다: .streamlit/secrets.toml을 읽을 수 없습니다. 관리자에게 문의하세요."},
    "access_incomplete_auth": {"en": "The dashboard is closed: sign-in is configured but {detail} is missing in "
                                     ".streamlit/secrets.toml. Ask the administrator to add it.",
                               "ko": "대시보드가 닫혀 있습니다: 로그인이 설정되었지만 .streamlit/secrets.toml에 {detail} "
                                     "값이 없습니다. 관리자에게 문의하세요."},
    "access_domains_without_auth": {
        "en": "The dashboard is closed: an e-mail allow-list ({detail}) is set but no sign-in provider is "
              "configured ([auth] in .streamlit/secrets.toml). Ask the administrator to configure one.",
        "ko": "대시보드가 닫혀 있습니다: 이메일 허용 목록({detail})이 있지만 로그인 제공자([auth], "
              ".streamlit/secrets.toml)가 설정되지 않았습니다. 관리자에게 문의하세요.",
    },
}
