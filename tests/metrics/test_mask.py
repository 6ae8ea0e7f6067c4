"""metrics.text.mask: payment cards (Luhn), bank accounts, passports and business numbers beside phones, e-mail and
주민등록번호 — in realistic Korean comments (typos, particles glued to numbers) and against the numbers customers
write that are not personal data (amounts, dates, times, order numbers)."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest

import report
from metrics.text import luhn, mask, mask_expr

CARD, ACCOUNT, PHONE, BUSINESS, PASSPORT = "****-****-****-****", "****-****-****", "***-****-****", \
    "***-**-*****", "*********"


def test_luhn_accepts_card_numbers_and_rejects_a_changed_digit():
    for number in ("4111111111111111", "5500000000000004", "378282246310005", "4000001234567899"):
        assert luhn(number)
        assert not luhn(number[:-1] + str((int(number[-1]) + 1) % 10))


MASKED = [
    # cards: Luhn-valid digits together, grouped with spaces or hyphens, glued to a word or a particle
    ("카드번호 4111 1111 1111 1111 으로 결제했는데 두번 빠져나감", f"카드번호 {CARD} 으로 결제했는데 두번 빠져나감"),
    ("4111-1111-1111-1111로 결제함", f"{CARD}로 결제함"),
    ("결제카드5500000000000004가 정지됨ㅠ", f"결제카드{CARD}가 정지됨ㅠ"),
    ("아멕스 3782 822463 10005 안됨", f"아멕스 {CARD} 안됨"),
    # written in groups of four, or right after 카드, a card even when it fails Luhn (a typo, a made-up example)
    ("9410-1234-5678-9012 카드 해지해주세요", f"{CARD} 카드 해지해주세요"),
    ("카드9410123456789012로 결제가 안되요", f"카드{CARD}로 결제가 안되요"),
    ("4111 1111 1111 1111 12개월 할부로 했어요", f"{CARD} 12개월 할부로 했어요"),
    # bank accounts: the banks' own layouts with hyphens, or digits after a bank's name or 계좌
    ("환불은 신한 110-123-456789로 부탁드려요", f"환불은 신한 {ACCOUNT}로 부탁드려요"),
    ("우리은행1002-345-678901 입금 확인좀", f"우리은행{ACCOUNT} 입금 확인좀"),
    ("카뱅 3333-01-1234567 로 보내주세요", f"카뱅 {ACCOUNT} 로 보내주세요"),
    ("국민 123456-12-123456 예금주 홍길동", f"국민 {ACCOUNT} 예금주 홍길동"),
    ("농협 301-1234-5678-91", f"농협 {ACCOUNT}"),
    ("국민 123-456-789-012 으로 입금", f"국민 {ACCOUNT} 으로 입금"),   # no four digits in a row
    ("토스뱅크 100012345678로 환불해주세여", f"토스뱅크 {ACCOUNT}로 환불해주세여"),
    ("하나은행 계좌 12345678901234 맞나요?", f"하나은행 계좌 {ACCOUNT} 맞나요?"),
    ("계좌번호:110123456789", f"계좌번호:{ACCOUNT}"),
    # passport (old and 2021 format, any case), business registration number
    ("여권번호 M12345678 로 예약했어요", f"여권번호 {PASSPORT} 로 예약했어요"),
    ("여권번호는m123a4567입니다", f"여권번호는{PASSPORT}입니다"),
    ("사업자번호 123-45-67890 세금계산서 요청", f"사업자번호 {BUSINESS} 세금계산서 요청"),
    ("사업자등록번호: 1234567890", f"사업자등록번호: {BUSINESS}"),
    # the earlier kinds, glued to particles and typed loosely
    ("전화번호는010-1234-5678입니다", f"전화번호는{PHONE}입니다"),
    ("연락처010 1234 5678로 연락주세요", f"연락처{PHONE}로 연락주세요"),
    ("메일 kim_cs@naver.com으로 보내주세요", "메일 ***@***으로 보내주세요"),
    # several kinds in one comment
    ("010-1111-2222 / 신한 110-123-456789 / 4111111111111111",
     f"{PHONE} / 신한 {ACCOUNT} / {CARD}"),
    # a card-shaped number is masked even after 주문번호: a word cannot prove what a number is
    ("주문번호 4111111111111111 확인 부탁", f"주문번호 {CARD} 확인 부탁"),
]


@pytest.mark.parametrize(("text", "masked"), MASKED)
def test_cards_accounts_passports_and_business_numbers_are_masked(text, masked):
    assert mask(text) == masked


KEPT = [
    "결제 금액 1,200,000원인데 1,250,000원 청구됨",
    "2025-05-01 오후 3시 방문, 2025.05.02 14:05~15:30 재방문",
    "주문번호 12345678 확인 부탁드려요",
    "주문번호 2025050112 배송이 안와요",
    "주문번호 20250501-0001 취소요청",
    "ORD-2025-0501-1234 건 환불",
    "고객번호 1234567890123456 문의",   # 16 digits written together, failing Luhn, no card word: anything
    "하나도 안 친절해요 3번이나 전화했는데",
    "우리 애가 2019년에 가입했어요 12개월째",
    "SM-G998N 모델, 앱 버전 v2.10.3",
    "A12345678 모델 문의",
    "포인트 12,345점, 쿠폰 3장",
    "10-20분 기다림, 1-2일 내 처리",
]


@pytest.mark.parametrize("text", KEPT)
def test_amounts_dates_times_and_order_numbers_are_kept(text):
    assert mask(text) == text


def test_the_polars_mask_equals_the_python_mask_on_every_case():
    texts = [t for t, _ in MASKED] + KEPT + [None, "", "숫자 없음"]
    got = pl.DataFrame({"c": texts}).select(mask_expr("c"))["c"].to_list()
    assert got == [mask(t) for t in texts]
    assert pl.DataFrame({"c": [None, None]}, schema={"c": pl.String}).select(mask_expr("c"))["c"].to_list() == [
        None, None]


def test_every_export_of_a_comment_masks_the_new_kinds(tmp_path, capsys):
    """Episode (report.py --journey, the Journeys page), verbatims and their CSV (VoC page, top complaint quotes),
    the detractors' follow-up list, the events download: each masks a card, an account, a passport and a business
    number."""
    from store import voc as store_voc
    from store.facts.cache import open_dataset
    from store.filters import Filters
    from ui.layout import csv_bytes

    secret = "카드9410123456789012로 결제, 환불은 신한 110-123-456789로, 여권 M12345678, 사업자 123-45-67890"
    shown = f"카드{CARD}로 결제, 환불은 신한 {ACCOUNT}로, 여권 {PASSPORT}, 사업자 {BUSINESS}"
    path = tmp_path / "pii.parquet"
    pl.DataFrame({
        "journey_id": ["a", "a", "b"], "customer_id": ["C1", "C1", "C2"],
        "timestamp": [dt.datetime(2025, 5, 1, 9), dt.datetime(2025, 5, 1, 10), dt.datetime(2025, 5, 2, 9)],
        "stage": ["결제", "환불", "결제"], "channel": ["앱", "콜센터", "앱"], "nps": [None, 2, 9],
        "comment": [secret, None, "좋아요"],
    }).write_parquet(path)

    assert report.main([str(path), "--journey", "a", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert shown in out and "9410123456789012" not in out and "456789" not in out

    csv = tmp_path / "detractors.csv"
    assert report.main([str(path), "--detractors", str(csv)]) == 0
    capsys.readouterr()
    assert pl.read_csv(csv)["comment"].to_list() == [shown]

    rows = store_voc.verbatims(open_dataset(path), Filters())
    text = csv_bytes(rows).decode("utf-8-sig")
    assert shown in text and "M12345678" not in text and "123-45-67890" not in text

    # the sidebar's and the upload page's "Download events (Parquet)"
    from ui.upload import events_parquet

    exported = pl.read_parquet(io.BytesIO(events_parquet(open_dataset(path), Filters())))
    assert exported.filter(pl.col("journey_id") == "a")["comment"].drop_nulls().to_list() == [shown]
