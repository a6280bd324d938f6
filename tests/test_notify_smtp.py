"""E-mail notifications against a real SMTP server on localhost (aiosmtpd), end to end.

Inputs are real workbooks read by the ordinary backend; messages go through smtplib to the
server; what arrives is parsed back with the standard library and checked field by field.
"""

from __future__ import annotations

import csv
import datetime as dt
import ssl
from pathlib import Path

import pytest
import trustme
from notify_support import (
    TODAY,
    Recorder,
    answer,
    serve_smtp,
    settings_for,
    smtp_settings,
    standard_answers,
    write_workspace,
)

from automations.notify import run_notify
from automations.notify.transport import SmtpTransport

PNR = ("info@panrvb.lt", "statistika@panrvb.lt")
BIR = ("info@birzubiblioteka.lt", "ruta@birzubiblioteka.lt")


@pytest.fixture
def server():
    recorder = Recorder()
    for port in serve_smtp(recorder):
        recorder.port = port
        yield recorder


def _workspace(tmp_path: Path, port: int, answers=None, extra: str = "") -> Path:
    return write_workspace(tmp_path / "ws", answers, smtp_settings(port, extra=extra))


def test_messages_arrive_with_lithuanian_headers_right_recipients_and_own_rows(tmp_path: Path, server) -> None:
    workspace = _workspace(tmp_path, server.port)
    report = run_notify(settings_for(workspace), TODAY)
    assert report.failed == 0 and report.channel == "smtp"

    pnr = server.to(PNR[0])
    assert len(pnr) == 1 and len(server.to(PNR[1])) == 1  # the library's address and its answer's submitter
    message = pnr[0].message
    assert message["Subject"] == ("Statistikos formoje yra klaidų – Panevėžio rajono savivaldybės viešoji "
                                  "biblioteka")
    assert message["From"] == "PAVB statistika <statistika@pavb.lt>"
    assert message["Reply-To"] == "regionas@pavb.lt"
    assert message["To"] == PNR[0] and pnr[0].recipients == [PNR[0]] and pnr[0].mail_from == "statistika@pavb.lt"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    raw_subject = next(line for line in message.as_string().splitlines() if line.startswith("Subject:"))
    assert "=?utf-8?" in raw_subject  # encoded for the wire, decoded above
    text = pnr[0].text
    assert "2 eilutė" in text and "iš jų vaikai (iki 14 m.)" in text and "9\u00a0100" in text
    assert "negali būti didesnis už „Registruoti vartotojai“" in text
    assert "Pateikite formą dar kartą" in text and "naujausias atsakymas" in text
    assert "Biržų" not in text and "Kupiškio" not in text and "Mielagėn" not in text  # only its own rows
    assert "birzubiblioteka" not in pnr[0].html and "9\u00a0100" in pnr[0].html

    bir = server.to(BIR[0])
    assert len(bir) == 1 and bir[0].message["Subject"].startswith("Patikrinkite statistikos formos duomenis")
    assert "Paaiškinimas" in bir[0].text and "Panevėžio rajono" not in bir[0].text and "9\u00a0100" not in bir[0].text

    assert not server.to("info@kupiskiovb.lt") and not server.to("vedeja@kupiskiovb.lt")  # clean: nothing
    rok = server.to("info@rokiskiobiblioteka.lt")  # missing, 5 days before the deadline
    assert len(rok) == 1 and rok[0].message["Subject"].startswith("Primename: 2025 m. statistika iki 2026 m. vasario")
    assert not server.to("biblioteka@mielagenai.lt")  # an inactive library is not reminded
    unknown = server.to("mokytoja@mielagenai.lt")  # the answer naming an unknown library: its submitter alone
    assert len(unknown) == 1 and "Mielagėnų b-ka" in unknown[0].text and "Panevėžio rajono" not in unknown[0].text
    assert len(server.received) == 6


def test_a_rerun_sends_nothing_and_a_fix_sends_one_thank_you(tmp_path: Path, server) -> None:
    workspace = _workspace(tmp_path, server.port)
    run_notify(settings_for(workspace), TODAY)
    first = len(server.received)

    again = run_notify(settings_for(workspace), TODAY + dt.timedelta(days=1))
    assert len(server.received) == first and again.outcomes == [] and again.planned > 0

    fixed = [*standard_answers(), answer("PNR-SVB", dt.datetime(2026, 2, 6, 8, 0), "statistika@panrvb.lt")]
    write_workspace(workspace, fixed, (workspace / "automations.toml").read_text(encoding="utf-8"))
    run_notify(settings_for(workspace), TODAY + dt.timedelta(days=1))
    thanks = server.received[first:]
    assert sorted(item.recipients[0] for item in thanks) == sorted(PNR)
    assert all(item.message["Subject"] == "Ačiū, klaidų neliko – Panevėžio rajono savivaldybės viešoji biblioteka"
               for item in thanks)

    run_notify(settings_for(workspace), TODAY + dt.timedelta(days=2))
    assert len(server.received) == first + 2  # the thank-you goes once


def test_refused_recipient_and_dropped_connection_leave_the_others_sent_and_retry_next_run(tmp_path: Path,
                                                                                          server) -> None:
    workspace = _workspace(tmp_path, server.port)
    server.refuse.add(PNR[1])
    server.drop.add(BIR[0])
    report = run_notify(settings_for(workspace), TODAY)
    failed = sorted(outcome.letter.address for outcome in report.outcomes if not outcome.ok)
    assert failed == sorted([PNR[1], BIR[0]])
    assert any("550" in outcome.detail for outcome in report.outcomes if outcome.letter.address == PNR[1])
    delivered = {item.recipients[0] for item in server.received}
    assert delivered == {PNR[0], BIR[1], "info@rokiskiobiblioteka.lt", "mokytoja@mielagenai.lt"}
    assert server.connections >= 2  # reconnected after the drop and carried on

    server.refuse.clear()
    server.drop.clear()
    retry = run_notify(settings_for(workspace), TODAY)
    assert sorted(outcome.letter.address for outcome in retry.outcomes) == sorted([PNR[1], BIR[0]])
    assert all(outcome.ok for outcome in retry.outcomes)
    with (workspace / ".automations" / "notify" / "sent.csv").open(encoding="utf-8", newline="") as stream:
        attempts = [row for row in csv.DictReader(stream) if row["address"] == PNR[1]]
    assert [row["result"][:36] for row in attempts] == ["failed (1/5): recipient refused: 550", "sent"]
    assert attempts[0]["hash"] == attempts[1]["hash"] and attempts[0]["subject"].startswith("Statistikos formoje")


def test_an_unreachable_server_costs_one_attempt_and_everything_waits(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path / "ws", None, smtp_settings(_closed_port()))
    report = run_notify(settings_for(workspace), TODAY)
    assert report.sent == 0 and report.failed == 6
    assert sum("not tried" in outcome.detail for outcome in report.outcomes) == 5


def _closed_port() -> int:
    from notify_support import free_port

    return free_port()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_and_login_with_the_password_from_the_environment(tmp_path: Path, security: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    recorder = Recorder()
    monkeypatch.setenv("AUTOMATIONS_SMTP__PASSWORD", "s3cret-app-password")
    for port in serve_smtp(recorder, server_context, implicit_tls=security == "ssl"):
        workspace = write_workspace(tmp_path / "ws", None,
                                    smtp_settings(port, security) + 'username = "robotas@pavb.lt"\n')
        settings = settings_for(workspace)
        assert "s3cret" not in (workspace / "automations.toml").read_text(encoding="utf-8")
        report = run_notify(settings, TODAY, transport=SmtpTransport(settings, client_context))
    assert report.failed == 0 and len(recorder.received) == 6
    assert recorder.logins and set(recorder.logins) == {("robotas@pavb.lt", "s3cret-app-password")}


def test_a_certificate_nobody_vouches_for_is_refused(tmp_path: Path) -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    recorder = Recorder()
    for port in serve_smtp(recorder, server_context):
        workspace = write_workspace(tmp_path / "ws", None, smtp_settings(port, "starttls"))
        report = run_notify(settings_for(workspace), TODAY)  # the system's trust store: the test CA is unknown
    assert report.sent == 0 and not recorder.received
    assert "CERTIFICATE_VERIFY_FAILED" in report.outcomes[0].detail


def test_outbox_and_smtp_are_separate_channels(tmp_path: Path, server) -> None:
    """Messages previewed in the outbox are still sent once SMTP is configured."""
    workspace = write_workspace(tmp_path / "ws", None, "")
    preview = run_notify(settings_for(workspace), TODAY)
    assert preview.channel == "outbox" and preview.sent == 6
    assert len(list((workspace / "siunciami_laiskai").glob("*.eml"))) == 6
    (workspace / "automations.toml").write_text(smtp_settings(server.port), encoding="utf-8")
    run_notify(settings_for(workspace), TODAY)
    assert len(server.received) == 6
