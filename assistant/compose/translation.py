"""Machine translation with Argos Translate, from packages on disk and nothing downloaded.

Argos Translate reads its settings from the environment once, when it is first imported, so
the translator sets them just before that import; the import is lazy, because argostranslate
pulls in stanza, spacy and torch. One process therefore serves one Argos directory:
``<directory>/packages`` holds the installed packages (every folder in it must be a package,
or argostranslate fails to list any) and ``<directory>/minisbd`` the sentence splitters.

Sentence splitting is where argostranslate 1.11 reaches for the network. Before translating,
it splits each line into sentences: with stanza if the package has a ``stanza/`` folder (and
stanza fetches its resources.json from the internet whenever it builds a pipeline), otherwise
with MiniSBD, which downloads ``<lang>.onnx`` on first use unless the package ships
``minisbd/*.onnx`` or the file is already in MiniSBD's cache. So we force MiniSBD
(``ARGOS_CHUNK_TYPE=MINISBD``), keep its cache in ``<directory>/minisbd``, and refuse to
translate with a package whose splitter is in neither place, rather than let it download.

A pair missing a direct package goes through English, the language every Argos package
family pivots on.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import TranslationError

PIVOT = "en"

Pair = tuple[str, str]


class Translator(Protocol):
    """What the assistant and ingest need of a machine translator."""

    def can_translate(self, source: str, target: str) -> bool: ...

    def translate(self, text: str, source: str, target: str) -> str: ...


class ArgosTranslator:
    """Installs Argos Translate packages into one directory and translates with them."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.packages_dir = self.directory / "packages"
        self.splitters_dir = self.directory / "minisbd"
        self._installed: dict[Pair, Any] | None = None

    def install(self, path: Path) -> list[Pair]:
        """Install an ``.argosmodel`` file with argostranslate's installer; the pairs it adds.

        The archive is checked first, because argostranslate unzips anything into the
        packages folder, and one folder there without a metadata.json breaks every package."""
        path = Path(path)
        if not path.is_file():
            raise TranslationError(f"{path} does not exist: give the path of a downloaded .argosmodel file")
        metadata = _package_metadata(path)
        self._argos_package().install_from_path(path)
        self._installed = None
        return [(metadata["from_code"], metadata["to_code"])]

    def pairs(self) -> list[Pair]:
        """The installed (source, target) pairs, as ISO 639-1 codes."""
        return sorted(self._packages())

    def can_translate(self, source: str, target: str) -> bool:
        return source == target or self._route(source, target) is not None

    def translate(self, text: str, source: str, target: str) -> str:
        """``text`` in ``target``: with the direct package, else through English."""
        if source == target or not text.strip():
            return text
        route = self._route(source, target)
        if route is None:
            raise TranslationError(
                f"no translation from {source} to {target} is installed (installed: {_listing(self.pairs())}); "
                f"install an Argos package for {source}->{target}, or for {source}->{PIVOT} and {PIVOT}->{target}"
            )
        translate = self._argos_translate()
        for pair in route:
            self._check_splitter(pair)
            try:
                text = translate.translate(text, *pair)
            except (RuntimeError, OSError, ValueError) as error:
                raise TranslationError(
                    f"the {pair[0]}->{pair[1]} package failed to translate ({error}); install it again"
                ) from error
        return text

    def _route(self, source: str, target: str) -> list[Pair] | None:
        installed = self._packages()
        if (source, target) in installed:
            return [(source, target)]
        if (source, PIVOT) in installed and (PIVOT, target) in installed:
            return [(source, PIVOT), (PIVOT, target)]
        return None

    def _packages(self) -> dict[Pair, Any]:
        if self._installed is None:
            packages = self._argos_package().get_installed_packages()
            self._installed = {(p.from_code, p.to_code): p for p in packages if p.type == "translate"}
        return self._installed

    def _check_splitter(self, pair: Pair) -> None:
        """Refuse a package whose sentence splitter MiniSBD would have to download."""
        from argostranslate.sbd import MiniSBDSentencizer
        from minisbd import models

        model = MiniSBDSentencizer(self._packages()[pair]).lang  # a packaged .onnx, or a MiniSBD language
        if os.path.isfile(model) or (self.splitters_dir / models.MODELS.get(model, f"{model}.onnx")).is_file():
            return
        raise TranslationError(
            f"the {pair[0]}->{pair[1]} package has no sentence splitter, and argostranslate would download one: "
            f"copy MiniSBD's {model}.onnx into {self.splitters_dir}, or install a package with a minisbd/ folder"
        )

    def _argos_package(self):
        self._configure()
        from argostranslate import package

        return package

    def _argos_translate(self):
        self._configure()
        from argostranslate import translate
        from minisbd import models

        # argostranslate.sbd points MiniSBD's cache into the home folder when it is imported.
        models.cache_dir = str(self.splitters_dir)
        return translate

    def _configure(self) -> None:
        """Point argostranslate at our directory: before its first import, through the environment."""
        if "argostranslate.settings" not in sys.modules:
            os.environ["ARGOS_PACKAGES_DIR"] = str(self.packages_dir)
            os.environ["ARGOS_CHUNK_TYPE"] = "MINISBD"
            os.environ["ARGOS_MODEL_PROVIDER"] = "OPENNMT"  # local packages, whatever settings.json says
        from argostranslate import settings

        if Path(settings.package_data_dir).resolve() != self.packages_dir.resolve():
            raise TranslationError(
                f"argostranslate already uses {settings.package_data_dir} in this process, and reads its "
                f"settings only once: use one Argos directory per process, not also {self.directory}"
            )
        if settings.chunk_type != settings.ChunkType.MINISBD:
            raise TranslationError(
                "argostranslate was imported before the translator configured it: "
                "create the ArgosTranslator before anything else imports argostranslate"
            )


def _package_metadata(path: Path) -> dict[str, Any]:
    """The metadata of an Argos package file, checked to have the layout argostranslate needs."""
    invalid = f"{path} is not a valid Argos Translate package"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            roots = {name.split("/", 1)[0] for name in names}
            root = roots.pop() if len(roots) == 1 else ""
            if root in {"", ".", ".."} or f"{root}/metadata.json" not in names:
                raise TranslationError(f"{invalid}: it should hold one folder with a metadata.json; download it again")
            metadata = json.loads(archive.read(f"{root}/metadata.json"))
    except (zipfile.BadZipFile, OSError) as error:
        raise TranslationError(f"{invalid} (an .argosmodel file is a zip archive): download it again") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise TranslationError(f"{invalid}: its metadata.json cannot be read ({error})") from error
    if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
        raise TranslationError(f"{invalid}: it is not a translation package")
    if not isinstance(metadata.get("from_code"), str) or not isinstance(metadata.get("to_code"), str):
        raise TranslationError(f"{invalid}: its metadata.json does not name from_code and to_code")
    if f"{root}/model/model.bin" not in names:
        raise TranslationError(f"{invalid}: it has no CTranslate2 model (model/model.bin)")
    if not names & {f"{root}/sentencepiece.model", f"{root}/bpe.model"}:
        raise TranslationError(f"{invalid}: it has no tokenizer (sentencepiece.model or bpe.model)")
    return metadata


def _listing(pairs: list[Pair]) -> str:
    return ", ".join(f"{source}->{target}" for source, target in pairs) or "none"
