"""Retries, failures that stay with one job, and messages an operator can act on (no tracebacks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest_google import SERVICE_ACCOUNT

from automations.backends.base import BackendError
from automations.backends.google import GoogleBackend
from automations.backends.google_auth import run_oauth_flow
from automations.config import GoogleSettings, Settings, WorkbookSource
from automations.job import Job, JobContext
from automations.runner import run_jobs


def _job(name: str, filename: str) -> Job:
    def produce(ctx: JobContext) -> None:
        ctx.output("Bandymas", filename, f"content of {filename}".encode())
    return Job(name, f"writes {filename}", (), produce)


def test_429s_are_retried_with_bounded_backoff(fake_google, make_google_backend, load_into_google,
                                               small_workspace, sleeps) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.fail_next(3, 429)
    sheets = make_google_backend(settings).read_tabs("renginiai", ["Renginiai"])
    assert sheets["Renginiai"].cells[0][0] == "Data"
    assert len(sleeps) == 3
    for attempt, delay in enumerate(sleeps):
        assert 2**attempt <= delay <= 2**attempt + 1  # exponential, plus at most a second of jitter
    assert [entry.status for entry in fake_google.log[:4]] == [429, 429, 429, 200]


def test_drive_rate_limit_403_is_retried(fake_google, make_google_backend, load_into_google, small_workspace,
                                         sleeps) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.fail_next(2, 403, reason="userRateLimitExceeded", match=lambda m, p, b: "/drive/" in p)
    published = make_google_backend(settings).publish("2026/Bandymas/a.txt", b"hello")
    assert published.written and len(sleeps) == 2


def test_a_permanent_500_fails_that_job_only(fake_google, make_google_backend, load_into_google,
                                             small_workspace) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.fail_always(500, match=lambda method, path, body: b'"name": "a.txt"' in body)
    report = run_jobs(settings, [_job("pirmas", "a.txt"), _job("antras", "b.txt")],
                      backend=make_google_backend(settings))
    first, second = report.jobs
    assert not first.ok and "500" in first.error and "after 6 retries" in first.error
    assert "Traceback" not in first.error
    assert second.ok and second.published[0].written


def test_no_access_names_the_spreadsheet_and_the_account(fake_google, make_google_backend, load_into_google,
                                                          small_workspace) -> None:
    settings, loaded = load_into_google(small_workspace)
    spreadsheet_id = loaded.sources["renginiai"].spreadsheet_id
    fake_google.denied.add(spreadsheet_id)
    with pytest.raises(BackendError) as raised:
        make_google_backend(settings).read_tabs("renginiai", ["Renginiai"])
    message = str(raised.value)
    assert spreadsheet_id in message and "renginiai" in message and SERVICE_ACCOUNT in message
    assert "403" in message and "Share" in message


def test_an_unknown_spreadsheet_is_reported_with_its_id(fake_google, make_google_backend, load_into_google,
                                                         small_workspace) -> None:
    settings, _ = load_into_google(small_workspace)
    settings.workbooks["renginiai"] = WorkbookSource(spreadsheet_id="1NoSuchSpreadsheet")
    report = run_jobs(settings, [Job("renginiu", "needs renginiai", ("renginiai",), lambda ctx: None)],
                      backend=make_google_backend(settings))
    assert not report.jobs[0].ok
    assert "1NoSuchSpreadsheet" in report.jobs[0].error and SERVICE_ACCOUNT in report.jobs[0].error


def _settings(tmp_path: Path, **google: object) -> Settings:
    settings = Settings(backend="google", workbooks={"renginiai": WorkbookSource(spreadsheet_id="x")},
                        google=GoogleSettings(**google))
    settings.workspace = tmp_path
    return settings


def test_missing_credentials_say_how_to_fix_them(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    with pytest.raises(BackendError, match=r"set google\.credentials_file"):
        GoogleBackend(_settings(tmp_path)).read_tabs("renginiai", ["Renginiai"])
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "nera.json"))
    with pytest.raises(BackendError, match=r"nera\.json does not exist"):
        GoogleBackend(_settings(tmp_path)).read_tabs("renginiai", ["Renginiai"])
    (tmp_path / "client.json").write_text(json.dumps({"installed": {"client_id": "x"}}))
    with pytest.raises(BackendError, match=r"not a service-account key"):
        GoogleBackend(_settings(tmp_path, credentials_file="client.json")).read_tabs("renginiai", ["Renginiai"])
    with pytest.raises(BackendError, match=r"(?i)run `automations auth"):
        GoogleBackend(_settings(tmp_path, auth="oauth")).read_tabs("renginiai", ["Renginiai"])


def test_a_missing_credential_fails_jobs_cleanly(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    settings = _settings(tmp_path)
    report = run_jobs(settings, [Job("renginiu", "needs renginiai", ("renginiai",), lambda ctx: None)])
    assert not report.jobs[0].ok and "credentials" in report.jobs[0].error


def test_a_revoked_oauth_token_asks_to_sign_in_again(fake_google, tmp_path, monkeypatch) -> None:
    import google.oauth2.credentials

    # google-auth always refreshes a person's token at Google's own endpoint; point that at the imitation
    monkeypatch.setattr(google.oauth2.credentials, "_GOOGLE_OAUTH2_TOKEN_ENDPOINT", f"{fake_google.base_url}/token")
    fake_google.token_behaviour = "revoked"
    token = {"token": "old", "refresh_token": "refresh", "client_id": "id.apps.googleusercontent.com",
             "client_secret": "secret", "token_uri": f"{fake_google.base_url}/token",
             "expiry": "2020-01-01T00:00:00Z"}
    (tmp_path / "token.json").write_text(json.dumps(token))
    settings = _settings(tmp_path, auth="oauth", token_file="token.json")
    with pytest.raises(BackendError, match=r"expired or was revoked.*automations auth.*Testing.*7 days"):
        GoogleBackend(settings).read_tabs("renginiai", ["Renginiai"])


def test_a_service_account_key_signs_requests(fake_google, load_into_google, small_workspace, tmp_path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from fake_google import LoopbackTransport

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    (tmp_path / "sa.json").write_text(json.dumps({
        "type": "service_account", "project_id": "pavb-test", "private_key_id": "k1", "private_key": pem,
        "client_email": SERVICE_ACCOUNT, "client_id": "1", "token_uri": f"{fake_google.base_url}/token"}))
    settings, _ = load_into_google(small_workspace, credentials_file=str(tmp_path / "sa.json"))
    fake_google.require_auth = True
    backend = GoogleBackend(settings, LoopbackTransport(fake_google.base_url))
    assert backend.read_tabs("renginiai", ["Renginiai"])["Renginiai"].cells[0][0] == "Data"
    assert backend.publish("2026/Bandymas/a.txt", b"x").written
    assert fake_google.log[0].kind == "token"


def test_oauth_sign_in_refuses_a_service_account_key(tmp_path) -> None:
    (tmp_path / "sa.json").write_text(json.dumps({"type": "service_account"}))
    with pytest.raises(BackendError, match=r"not an OAuth client file"):
        run_oauth_flow(_settings(tmp_path, credentials_file="sa.json"))
    with pytest.raises(BackendError, match=r"OAuth client JSON"):
        run_oauth_flow(_settings(tmp_path))
