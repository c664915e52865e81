"""Piccolo's project configuration: the engine chosen by LD_DATABASE_URL and every app."""

from piccolo.conf.apps import AppRegistry

from labour_democracy.db import build_engine
from labour_democracy.modules import MODULES
from labour_democracy.settings import get_settings

DB = build_engine(get_settings())

APP_REGISTRY = AppRegistry(apps=[module.piccolo_app for module in MODULES])
