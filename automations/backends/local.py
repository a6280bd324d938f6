"""The local backend: a workspace folder of .xlsx/.csv inputs and an output folder.

It is what a new user runs first, what the tests use, and a real mode for libraries that
share Excel files on a network drive. Outputs are written to a temporary file and renamed,
so a crash never leaves half a report (temporary files a crash did leave are removed on a
later run); identical content is not rewritten; files get the mode the umask asks for, so
colleagues on a shared folder can open what a service account wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from automations.backends.base import Backend, BackendError, Feedback, InputError, Published
from automations.backends.csv_reader import read_csv
from automations.backends.xlsx_reader import read_xlsx
from automations.config import Settings
from automations.files import TEMPORARY_PREFIX, atomic_write, local_preflight
from automations.fingerprint import local_source, local_still_published
from automations.tables import RawSheet
from sheets_schema import workbook as workbook_spec


class LocalBackend(Backend):
    name = "local"
    parallel_jobs = True  # every job writes its own files, each atomically

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workspace = settings.workspace
        self.output = settings.output_path
        self._pending: dict[str, Future] = {}

    # reading -------------------------------------------------------------
    def describe(self, workbook: str) -> str:
        return str(self.workspace / (self.settings.source(workbook).file or f"{workbook}.xlsx"))

    def prefetch(self, requests: Mapping[str, Sequence[str]]) -> None:
        """Start reading every workbook in the background: calamine and inflating release the GIL,
        so a large sheet is parsed while the small ones are validated (or while the program is still
        loading: ``automations validate`` asks before pandas loads). A workbook already asked for is
        not read twice."""
        requests = {workbook: tabs for workbook, tabs in requests.items() if workbook not in self._pending}
        if not requests:
            return
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="read")
        for workbook, tabs in requests.items():
            self._pending[workbook] = pool.submit(self._read, workbook, tuple(tabs))
        pool.shutdown(wait=False)

    def read_ready(self, workbook: str) -> bool:
        pending = self._pending.get(workbook)
        return pending is None or pending.done()

    def read_tabs(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        pending = self._pending.pop(workbook, None)
        if pending is not None:
            found = pending.result()
            if all(tab in found for tab in tabs):
                return {tab: found[tab] for tab in tabs}
        return self._read(workbook, tuple(tabs))

    def _read(self, workbook: str, tabs: tuple[str, ...]) -> dict[str, RawSheet | InputError]:
        source = self.settings.source(workbook)
        limits = self.settings.limits
        main = self.workspace / (source.file or f"{workbook}.xlsx")
        result: dict[str, RawSheet | InputError] = {}
        from_main = [tab for tab in tabs if tab not in source.tab_files]
        if from_main:
            if main.suffix.lower() == ".csv":
                form_tabs = [model.tab for model in workbook_spec(workbook).tabs if model.form] or [from_main[0]]
                for tab in from_main:
                    result[tab] = (read_csv(main, tab, limits.max_rows, limits.max_columns) if tab in form_tabs
                                   else InputError(f"lapas „{tab}“ negali būti CSV faile {main.name}", "nera_lapo"))
            else:
                result.update(read_xlsx(main, from_main, limits.max_rows, limits.max_columns))
        for tab, file_name in source.tab_files.items():
            if tab in tabs:
                path = self.workspace / file_name
                try:
                    is_csv = path.suffix.lower() == ".csv"
                    result[tab] = (read_csv(path, tab, limits.max_rows, limits.max_columns) if is_csv
                                   else read_xlsx(path, [tab], limits.max_rows, limits.max_columns)[tab])
                except InputError as error:
                    result[tab] = error
        return result

    # writing -------------------------------------------------------------
    def preflight(self) -> None:
        local_preflight(self.settings)

    def publish(self, path: str, content: bytes) -> Published:
        target = self.output / path
        try:
            if target.is_file() and target.read_bytes() == content:
                return Published(path, str(target), False)
            atomic_write(target, content)
        except OSError as error:
            raise BackendError(f"cannot write {target}: {error.strerror or error}") from error
        return Published(path, str(target), True)

    def source_fingerprint(self, workbook: str) -> str | None:
        return local_source(self.workspace, self.settings.source(workbook))

    def location(self, path: str) -> str:
        return str(self.output / path)

    def still_published(self, path: str, sha256: str) -> bool:
        return local_still_published(self.output / path, sha256)

    def fetch(self, path: str) -> bytes | None:
        target = self.output / path
        try:
            return target.read_bytes() if target.exists() else None
        except OSError as error:
            raise BackendError(f"cannot read {target}: {error.strerror or error}") from error

    def list_outputs(self, folder: str) -> list[str] | None:
        directory = self.output / folder
        if not directory.is_dir():
            return []
        return sorted(f"{folder}/{item.name}" for item in directory.iterdir()
                      if item.is_file() and not item.name.startswith(TEMPORARY_PREFIX))

    def write_feedback(self, feedback: Feedback) -> Published | None:
        from automations.feedback import feedback_path, feedback_workbook  # pandas and xlsxwriter: not to read

        return self.publish(feedback_path(feedback.workbook), feedback_workbook(feedback))
