"""LD_PASSWORD_HASH_COST: cheap argon2 for the test suite, never in production."""

import os
import subprocess
import sys

import pytest

from labour_democracy.core import accounts
from labour_democracy.settings import ConfigurationError, get_settings

_ENV = ("LD_PRODUCTION", "LD_SECRET_KEY", "LD_PASSWORD_HASH_COST")


def _settings(monkeypatch, **env: str):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return get_settings.__wrapped__()  # read afresh, not the suite's cached settings


@pytest.mark.unit
def test_the_cost_is_the_default_unless_set(monkeypatch):
    assert _settings(monkeypatch).password_hash_cost == "default"
    assert _settings(monkeypatch, LD_PASSWORD_HASH_COST="test").password_hash_cost == "test"


@pytest.mark.unit
def test_production_refuses_the_cheap_cost(monkeypatch):
    production = {"LD_PRODUCTION": "1", "LD_SECRET_KEY": "a-long-random-production-secret"}
    assert _settings(monkeypatch, **production).password_hash_cost == "default"
    with pytest.raises(ConfigurationError, match="LD_PASSWORD_HASH_COST=test"):
        _settings(monkeypatch, LD_PASSWORD_HASH_COST="test", **production)


@pytest.mark.unit
def test_an_unknown_cost_is_refused(monkeypatch):
    with pytest.raises(ConfigurationError, match="LD_PASSWORD_HASH_COST must be one of"):
        _settings(monkeypatch, LD_PASSWORD_HASH_COST="low")


@pytest.mark.unit
def test_the_suite_hashes_cheaply():
    assert accounts.hash_password("a-long-password").startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_without_the_setting_passwords_get_the_default_cost(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LD_")}
    code = "from labour_democracy.core.accounts import hash_password; print(hash_password('x'))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
