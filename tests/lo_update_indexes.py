"""Open DOCX files in LibreOffice, update their indexes (the contents), report the text.

Run with the Python that has LibreOffice's ``uno`` module (``/usr/bin/python3`` with
python3-uno), not the project's venv:

    python3 lo_update_indexes.py PROFILE_DIR OUT.json FILE.docx...

For each file: the text of each index before and after ``update()`` (what Tools → Update →
Update All does), as JSON ``{file: [[before, after], ...]}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(profile: Path, out: Path, files: list[Path]) -> int:
    pipe = f"reportgen_{os.getpid()}"
    soffice = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.2)
        else:
            print("LibreOffice did not start", file=sys.stderr)
            return 1
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        result: dict[str, list[list[str]]] = {}
        for path in files:
            doc = desktop.loadComponentFromURL(
                path.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),)
            )
            indexes = doc.getDocumentIndexes()
            found = []
            for i in range(indexes.getCount()):
                index = indexes.getByIndex(i)
                before = index.getAnchor().getString()
                index.update()
                found.append([before, index.getAnchor().getString()])
            result[path.name] = found
            doc.close(True)
        out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away as it terminates
            pass
        return 0
    finally:
        try:
            soffice.wait(timeout=30)
        except subprocess.TimeoutExpired:
            soffice.kill()
            soffice.wait()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), [Path(a) for a in sys.argv[3:]]))
