"""Programme files (schedules/*.yaml): read, validate, import and export."""

from .exporter import document_files, export_segment, programme_files
from .fields import Problem, ProgrammeError
from .importer import ImportReport, import_file, import_programme, read_programme
from .schema import FORMAT

__all__ = [
    "FORMAT",
    "ImportReport",
    "Problem",
    "ProgrammeError",
    "document_files",
    "export_segment",
    "import_file",
    "import_programme",
    "programme_files",
    "read_programme",
]
