"""Build hook (setuptools only, never imported by the app): ship steps/ and templates/.

The agenda (`steps/`) and the handout templates (`templates/`) live at the top of
the repository, beside `workshop/`, not inside it. A wheel only carries what is
inside its packages, so this `build_py` copies both folders into the built
package as `workshop/_data/steps` and `workshop/_data/templates`, where
`workshop.core.paths.bundled_dir` finds them in an installed copy. The source tree and
an editable install read the top-level folders themselves.

Adding the folders to `data_files` (rather than copying after the build) also puts
them in the sdist's file list and in setuptools' output mapping.

pyproject.toml names this class in `[tool.setuptools] cmdclass`.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools.command.build_py import build_py

# (folder at the top of the repository, where it goes inside the package)
SHIPPED = (("steps", "_data/steps"), ("templates", "_data/templates"))
THIS_MODULE = "_build"


class BuildPy(build_py):
    """setuptools' build_py, plus the top-level data folders, minus this module."""

    def find_package_modules(self, package: str, package_dir: str) -> list[tuple[str, str, str]]:
        modules = super().find_package_modules(package, package_dir)
        return [m for m in modules if not (package == "workshop" and m[1] == THIS_MODULE)]

    def get_source_files(self) -> list[str]:
        """What the sdist must carry: the modules, this hook and the shipped folders."""
        files = list(super().get_source_files())
        files.append(os.path.join(self.get_package_dir("workshop"), f"{THIS_MODULE}.py"))
        for source, names, _inside in self._shipped():
            files += [os.path.join(source, name) for name in names]
        return files

    def _get_data_files(self) -> list[tuple[str, str, str, list[str]]]:
        data = list(super()._get_data_files())
        for source, names, inside in self._shipped():
            build_dir = os.path.join(self.build_lib, "workshop", *inside.split("/"))
            data.append(("workshop", source, build_dir, names))
        return data

    def _shipped(self) -> list[tuple[str, list[str], str]]:
        """(folder, its files relative to it, where it goes in the package) for each folder."""
        root = Path(self.get_package_dir("workshop")).parent
        shipped = []
        for folder, inside in SHIPPED:
            source = root / folder
            names = sorted(
                p.relative_to(source).as_posix()
                for p in source.rglob("*")
                if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
            )
            if not names:
                raise RuntimeError(f"{source}: nothing to ship (the folder is missing or empty)")
            shipped.append((str(source), names, inside))
        return shipped
