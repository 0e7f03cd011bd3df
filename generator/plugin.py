"""MkDocs adapter: a thin plugin over the generator core.

MkDocs brings the command line (``build``, ``serve`` with live reload, ``gh-deploy``), the
configuration file and strict mode. The chronology itself, event pages included, is built by
``Builder`` with the packaged timeline templates, whatever the host site's theme, and kept out of
MkDocs' navigation, so MkDocs' cost does not grow with the number of events.

A good citizen of the host site: its own pages, navigation and search stay as they are; the
chronology lives under ``prefix`` (the site root by default) and the plugin deletes only files
it wrote itself. Its state lives on the instance: ``mkdocs serve`` keeps one plugin instance
across rebuilds (it reloads the configuration, but MkDocs hands the same plugin the events of
each build), and the builder is kept while the content, output and options stay the same, which
is what lets a rebuild after one edited event parse one file and render only the pages that
show it.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .build import Builder, BuildOptions
from .problems import ContentError, printable
from .rawfiles import SVG_SUFFIXES, UnsafeSvgError, judge_raw_file, sanitise_svg
from .theming import Theme
from .validate import RESERVED_SLUGS

log = logging.getLogger("mkdocs.plugins.timeline")

THEME_NAME = "timeline"


class TimelineConfig(Config):  # type: ignore[no-untyped-call]
    content_dir = config_options.Dir(exists=True, default="content")
    # Where the chronology lives in the site: "" (the site root) or a path such as "timeline/".
    prefix = config_options.Type(str, default="")
    # A folder of templates, partials, strings or assets that replace the packaged theme's files
    # of the same path (default: the project's theme/ folder, when there is one).
    theme_dir = config_options.Optional(config_options.Dir(exists=True))
    # Raw HTML and SVG under content/ are published only when allowed (SVG is then sanitised):
    # content comes from pull requests. See the README's security model.
    allow_raw_html = config_options.Type(bool, default=False)
    allow_svg = config_options.Type(bool, default=False)
    # Events' external pictures (media: url:) are links unless this is set: loading them would
    # tell their hosts who reads which page.
    allow_external_media = config_options.Type(bool, default=False)
    # A share image per event and edition for Open Graph and Twitter cards (generator/share.py).
    share_images = config_options.Type(bool, default=True)
    per_page = config_options.Type(int, default=100)
    workers = config_options.Type(int, default=0)
    memory_mib = config_options.Type(int, default=1024)


class TimelinePlugin(BasePlugin[TimelineConfig]):  # type: ignore[no-untyped-call]
    """Builds the chronology into the site folder after MkDocs has built the host's pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.builder: Builder | None = None
        self.builder_key: tuple[object, ...] = ()
        self.prefix = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.per_page < 1:
            raise PluginError("timeline: per_page must be at least 1")
        self.prefix = _normalise_prefix(self.config.prefix)
        if not self.prefix:
            # the chronology writes the site's sitemap and 404 page: MkDocs' own would list or
            # show only the host's pages
            config.theme.static_templates.discard("sitemap.xml")
            config.theme.static_templates.discard("404.html")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Take out what the chronology renders itself; keep every page of the host's own.

        Files under the content folder are the chronology's: its prose pages are rendered by
        the core, and other files there (images) are published only if they pass the raw-file
        rules, under the chronology's prefix.
        """
        content_root = Path(os.path.abspath(self.config.content_dir))
        theme_dirs = [folder.resolve() for folder in self._theme(config).dirs]
        if config.theme.name == THEME_NAME:  # and MkDocs' own raw templates (sitemap.xml)
            theme_dirs += [Path(folder).resolve() for folder in config.theme.dirs]
        for file in list(files):
            if not file.abs_src_path:
                continue
            source = Path(os.path.abspath(file.abs_src_path))
            if source.is_relative_to(content_root):
                files.remove(file)
                if not file.is_documentation_page():
                    published = self._raw_file(file, source, content_root, config)
                    if published is not None:
                        files.append(published)
            elif any(source.resolve().is_relative_to(folder) for folder in theme_dirs):
                files.remove(file)  # the timeline theme's files: the builder copies its assets
            else:
                self._check_no_collision(file)
        return files

    def _raw_file(self, file: File, source: Path, content_root: Path, config: MkDocsConfig) -> File | None:
        """A file beside the prose pages, as published under the prefix, or None (with a warning)."""
        verdict = judge_raw_file(source, content_root, self.config.allow_raw_html, self.config.allow_svg)
        shown = printable(source.relative_to(content_root.parent).as_posix())
        if not verdict.publish:
            log.warning(f"timeline: {shown} is not published: {verdict.reason}")
            return None
        destination = self.prefix + file.src_uri
        if source.suffix.lower() in SVG_SUFFIXES:
            try:
                cleaned = sanitise_svg(source.read_bytes())
            except UnsafeSvgError as error:
                log.warning(f"timeline: {shown} is not published: {error}")
                return None
            return File.generated(config, destination, content=cleaned)
        return File.generated(config, destination, abs_src_path=str(source))

    def _check_no_collision(self, file: File) -> None:
        """A host page inside one of the chronology's folders would be overwritten by it."""
        destination = file.dest_uri
        if self.prefix:
            clash = destination.startswith(self.prefix)
        else:
            clash = destination.split("/", 1)[0] in RESERVED_SLUGS or destination in (
                "index.html",
                "404.html",
            )
        if clash and file.is_documentation_page():
            where = f"'{self.prefix}'" if self.prefix else "the site root"
            raise PluginError(
                f"timeline: the page {file.src_uri} would be written to {destination}, where the "
                f"chronology lives ({where}); set the plugin's prefix (e.g. prefix: timeline/) "
                "or move the page"
            )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.builder is not None:
            # keep the chronology's unchanged pages through MkDocs' cleaning of the site folder
            self.builder.stash(Path(config.site_dir), self.prefix)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        builder = self._builder(config)
        if self.serving:
            builder.unstash(Path(config.site_dir))
        try:
            report = builder.build()
        except ContentError as error:
            raise PluginError(str(error)) from None
        for warning in report.warnings:
            log.warning(warning.format())
        if self.prefix and config.site_url:
            announce_sitemap(Path(config.site_dir), config.site_url, self.prefix)
        log.info(
            f"timeline: {report.events} events, {report.pages_rendered} of "
            f"{report.pages_planned} pages rendered, {report.files_parsed} files parsed"
        )

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.content_dir)
        for folder in self._theme(config).dirs[:-1]:  # the project's overrides
            server.watch(str(folder))
        return server

    def _theme(self, config: MkDocsConfig) -> Theme:
        """The packaged templates under the project's overrides, whatever the host theme is."""
        overrides: list[Path | None] = []
        if self.config.theme_dir:
            overrides.append(Path(self.config.theme_dir))
        elif config.config_file_path:
            overrides.append(Path(config.config_file_path).parent / "theme")
        if config.theme.name == THEME_NAME and config.theme.custom_dir:
            overrides.insert(0, Path(config.theme.custom_dir))
        return Theme.with_overrides(overrides)

    def _builder(self, config: MkDocsConfig) -> Builder:
        site_dir = Path(config.site_dir)
        depth = self.prefix.count("/")
        options = BuildOptions(
            per_page=self.config.per_page,
            site_url=(config.site_url or "").rstrip("/") + "/" + self.prefix if config.site_url else "",
            workers=self.config.workers,
            memory_mib=self.config.memory_mib,
            copy_assets=True,
            serving=self.serving,
            host_name=config.site_name if self.prefix else "",
            host_home="../" * depth,
            not_found_page=not self.prefix,
            allow_external_media=self.config.allow_external_media,
            share_images=self.config.share_images,
        )
        theme = self._theme(config)
        key = (Path(self.config.content_dir).resolve(), site_dir.resolve(), self.prefix, theme, options)
        if self.builder is None or self.builder_key != key:
            root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
            content_dir = Path(self.config.content_dir)
            self.builder = Builder(content_dir, theme, site_dir / self.prefix, options, root=root)
            self.builder_key = key
        return self.builder


def announce_sitemap(site_dir: Path, site_url: str, prefix: str) -> None:
    """List the prefixed chronology's sitemap in the host's ``robots.txt``.

    The host's own ``sitemap.xml`` (MkDocs') knows only the host's pages, and a sitemap cannot
    list another urlset; ``Sitemap:`` lines in robots.txt are how crawlers find several. The
    host's robots.txt (from its docs folder) is kept and extended; without one, a permissive
    one is written that names both sitemaps.
    """
    base = site_url.rstrip("/") + "/"
    robots = site_dir / "robots.txt"
    if robots.is_file():
        lines = robots.read_text(encoding="utf-8").splitlines()
    else:
        lines = ["User-agent: *", "Allow: /"]
        if (site_dir / "sitemap.xml").is_file():
            lines.append(f"Sitemap: {base}sitemap.xml")
    ours = f"Sitemap: {base}{prefix}sitemap.xml"
    if ours not in lines:
        lines.append(ours)
    robots.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _normalise_prefix(prefix: str) -> str:
    """``timeline``, ``/timeline/`` and ``timeline/`` all mean ``timeline/``; refuse escapes."""
    cleaned = prefix.strip().strip("/")
    if not cleaned:
        return ""
    normal = posixpath.normpath(cleaned)
    if normal != cleaned or normal.startswith("..") or "\\" in cleaned:
        raise PluginError(f"timeline: prefix {prefix!r} must be a plain path such as 'timeline/'")
    return normal + "/"
