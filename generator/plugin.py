"""MkDocs adapter: a thin plugin over the generator core.

MkDocs brings the command line (``build``, ``serve`` with live reload, ``gh-deploy``), the
configuration file, strict mode and the copying of theme assets. The chronology itself, event
pages included, is built by ``Builder`` and kept out of MkDocs' navigation, so MkDocs' cost does
not grow with the number of events.

``mkdocs serve`` reloads the configuration, and so makes a new plugin, on every change; the
builders are therefore kept per content/output folder at module level, which is what lets a
rebuild after one edited event parse one file and render only the pages that show it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .build import Builder, BuildOptions
from .problems import ContentError
from .write import stash_output, unstash_output

log = logging.getLogger("mkdocs.plugins.timeline")

_BUILDERS: dict[tuple[str, str, str], Builder] = {}
_SERVING = False  # set by on_startup: serve keeps unchanged pages between rebuilds


class TimelineConfig(Config):  # type: ignore[no-untyped-call]
    content_dir = config_options.Dir(exists=True, default="content")
    per_page = config_options.Type(int, default=100)
    workers = config_options.Type(int, default=0)
    memory_mib = config_options.Type(int, default=1024)


class TimelinePlugin(BasePlugin[TimelineConfig]):  # type: ignore[no-untyped-call]
    """Builds the chronology into the site folder after MkDocs has copied the theme's assets."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        global _SERVING
        _SERVING = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.per_page < 1:
            raise PluginError("timeline: per_page must be at least 1")
        # MkDocs' sitemap would list only MkDocs' own pages, and here there are none.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Prose pages in the docs folder are read by the core (front matter and all), so that
        # every page of the site comes from the same templates; MkDocs renders none of them.
        for file in list(files):
            if file.is_documentation_page():
                files.remove(file)
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if _SERVING:  # keep unchanged pages through MkDocs' cleaning of the site folder
            stash_output(Path(config.site_dir))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        builder = self._builder(config)
        if _SERVING and not unstash_output(Path(config.site_dir)):
            builder.page_keys.clear()  # nothing kept: render every page
        try:
            report = builder.build()
        except ContentError as error:
            raise PluginError(str(error)) from None
        for warning in report.warnings:
            log.warning(warning.format())
        log.info(
            f"timeline: {report.events} events, {report.pages_rendered} of "
            f"{report.pages_planned} pages rendered, {report.files_parsed} files parsed"
        )

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.content_dir)
        return server

    def _builder(self, config: MkDocsConfig) -> Builder:
        theme_dir = Path(config.theme.dirs[0])
        content_dir = Path(self.config.content_dir)
        key = (str(content_dir.resolve()), str(Path(config.site_dir).resolve()), str(theme_dir))
        options = BuildOptions(
            per_page=self.config.per_page,
            site_url=config.site_url or "",
            workers=self.config.workers,
            memory_mib=self.config.memory_mib,
            copy_assets=False,
            serving=_SERVING,
        )
        builder = _BUILDERS.get(key)
        if builder is None or builder.options != options:
            root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
            builder = Builder(content_dir, theme_dir, Path(config.site_dir), options, root=root)
            _BUILDERS[key] = builder
        return builder
