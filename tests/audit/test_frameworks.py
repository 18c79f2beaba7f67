"""Served back ends beyond JavaScript and Python, their metrics, and the app's own file logs:
the inventory facts, and the words the findings use."""

from __future__ import annotations

from infragate.audit.inventory import build_inventory
from infragate.audit.repo import Repo
from infragate.audit.rules import BY_ID

LARAVEL_INERTIA = {
    "artisan": "#!/usr/bin/env php\n",
    "composer.json": '{"type": "project", "require": {"laravel/framework": "^12.0"}}\n',
    "package.json": '{"dependencies": {"react": "^19.0.0", "@inertiajs/react": "^2.0.0"}}\n',
}


def _evidence(rule_id: str, files: dict[str, str]) -> list[str]:
    repo = Repo.from_texts(files)
    return [h.evidence for h in BY_ID[rule_id].check(repo, build_inventory(repo))]


def test_a_laravel_app_with_a_react_front_end_is_named_as_laravel() -> None:
    assert _evidence("AUD009", LARAVEL_INERTIA) == ["no /health route in a Laravel application"]


def test_an_app_known_only_by_its_deploy_script_gets_a_name_not_a_blank() -> None:
    files = {"requirements.txt": "gunicorn\n", "deploy.sh": "#!/bin/sh\nssh deploy@host 'x'\n"}
    assert _evidence("AUD009", files) == ["no /health route in a served application"]


def test_each_back_end_is_recognised_from_its_manifest_or_source() -> None:
    cases = {
        "Rails": {"Gemfile": 'gem "rails"\n', "config.ru": "run Rails.application\n"},
        "Sinatra": {"Gemfile": "gem 'sinatra'\n", "app.rb": "require 'sinatra'\n"},
        "Symfony": {"composer.json": '{"require": {"symfony/framework-bundle": "7.1.*"}}'},
        "Spring Boot": {"pom.xml": "<artifactId>spring-boot-starter-webflux</artifactId>\n"},
        "Echo": {"main.go": 'package main\nimport "github.com/labstack/echo/v4"\n'},
        "Chi": {"main.go": 'package main\nimport (\n\t"github.com/go-chi/chi/v5"\n)\n'},
        "Fiber": {"main.go": 'package main\nimport "github.com/gofiber/fiber/v2"\n'},
        "ASP.NET Core": {"Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n'},
    }
    for name, files in cases.items():
        inventory = build_inventory(Repo.from_texts(files))
        assert inventory.has("framework", name), (name, inventory.names("framework"))
        assert inventory.has("runtime"), name


def test_a_library_is_not_a_served_app() -> None:
    symfony_bundle = {
        "composer.json": '{"type": "library", "require": {"symfony/framework-bundle": "^7"}}'
    }
    go_test_server = {
        "go.mod": "module example.com/x\n",
        "x_test.go": 'package x\nimport "net/http"\nfunc T() { http.ListenAndServe(":1", nil) }\n',
    }
    for files in (symfony_bundle, go_test_server):
        assert not build_inventory(Repo.from_texts(files)).has("framework")


def test_sentry_tracing_counts_as_apm_unless_its_rate_is_zero() -> None:
    on = {"app.py": "import sentry_sdk\nsentry_sdk.init(dsn=DSN, traces_sample_rate=0.2)\n"}
    off = {"app.py": "import sentry_sdk\nsentry_sdk.init(dsn=DSN, traces_sample_rate=0.0)\n"}
    laravel = {"config/sentry.php": "<?php // sentry\nreturn ['traces_sample_rate' => 0.5];\n"}
    assert build_inventory(Repo.from_texts(on)).has("monitoring", "Sentry performance tracing")
    assert not build_inventory(Repo.from_texts(off)).has("monitoring")
    assert build_inventory(Repo.from_texts(laravel)).has("monitoring")


def test_laravel_log_channel_follows_the_container_before_the_example_env() -> None:
    files = {
        **LARAVEL_INERTIA,
        ".env.example": "LOG_CHANNEL=daily\n",
        "Dockerfile": "FROM php:8.3\nENV LOG_CHANNEL=stderr\n",
        "config/logging.php": "<?php\nreturn ['default' => env('LOG_CHANNEL', 'stack'),\n"
        "'channels' => ['stderr' => [\n'driver' => 'monolog',\n],\n]];\n",
    }
    assert not build_inventory(Repo.from_texts(files)).has("logging")
