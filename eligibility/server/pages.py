"""The pages: the applicant's self-check, the reviewer's workbench, the rules in force.

Rendered on the server with autoescaping Jinja2 templates; their scripts (plain JavaScript
under ``static/``, no build step, nothing from a CDN) call the API. The pages speak Japanese
unless ``?lang=en`` asks for English.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from eligibility.server.api import AS_OF_QUERY, call, choose, parse_as_of
from eligibility.server.library import BATCH_VERDICTS, VERSION, Lang, Library, verdict_text
from eligibility.server.words import words

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every value from a rule set or a request is escaped
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
PAGE_LANG = Query(None, description="ja (default) or en")


def page_lang(lang: str | None) -> Lang:
    return "en" if choose(lang, ("ja", "en"), "lang", "ja") == "en" else "ja"


def render(name: str, lang: Lang, request: Request, **values: Any) -> HTMLResponse:
    params = dict(request.query_params)
    params["lang"] = "en" if lang == "ja" else "ja"
    html = ENV.get_template(name).render(
        lang=lang,
        w=words(lang),
        w_verdicts={v: verdict_text(v, lang) for v in BATCH_VERDICTS},
        version=VERSION,
        switch=f"{request.url.path}?{urlencode(params)}",
        path=request.url.path,
        **values,
    )
    return HTMLResponse(html)


def router(library: Library) -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/")
    async def selfcheck(
        request: Request,
        lang: str | None = PAGE_LANG,
        track: str | None = Query(None),
        as_of: str | None = AS_OF_QUERY,
    ) -> HTMLResponse:
        chosen = page_lang(lang)
        day = parse_as_of(as_of)
        tracks = await call(library, lambda: library.tracks(day), lang=chosen)
        track_id = track or tracks[0]["id"]
        form = await call(library, lambda: library.form(track_id, day), lang=chosen)
        return render("selfcheck.html", chosen, request, tracks=tracks, form=form)

    @pages.get("/workbench")
    async def workbench(request: Request, lang: str | None = PAGE_LANG) -> HTMLResponse:
        chosen = page_lang(lang)
        tracks = await call(library, library.tracks, lang=chosen)
        return render("workbench.html", chosen, request, tracks=tracks, verdicts=BATCH_VERDICTS)

    @pages.get("/rules")
    async def rules(
        request: Request, lang: str | None = PAGE_LANG, as_of: str | None = AS_OF_QUERY
    ) -> HTMLResponse:
        chosen = page_lang(lang)
        day = parse_as_of(as_of)
        info = await call(library, lambda: library.rules_page(day), lang=chosen)
        return render("rules.html", chosen, request, **info)

    return pages
