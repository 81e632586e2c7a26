"""An independent reader of an exported workbook: openpyxl, run by the export tests.

usage: inspect_workbook.py BOOK.xlsx '[["Sheet", "A1"], ...]'
Prints one JSON document: every sheet's size, frozen panes, autofilter and print setup, how many
cells hold formulas, and the type and content of each requested cell (formula text for formulas).
"""
import json
import sys

import openpyxl


def main() -> None:
    path, wanted = sys.argv[1], json.loads(sys.argv[2])
    book = openpyxl.load_workbook(path)  # formulas as written, not cached values
    sheets = []
    for sheet in book.worksheets:
        formulas = 0
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas += 1
        sheets.append({
            "name": sheet.title,
            "maxRow": sheet.max_row,
            "maxColumn": sheet.max_column,
            "freezePanes": sheet.freeze_panes,
            "autoFilter": sheet.auto_filter.ref,
            "orientation": sheet.page_setup.orientation,
            "fitToWidth": sheet.page_setup.fitToWidth,
            "fitToPage": sheet.sheet_properties.pageSetUpPr.fitToPage if sheet.sheet_properties.pageSetUpPr else None,
            "oddHeader": sheet.oddHeader.center.text,
            "formulas": formulas,
        })
    cells = []
    for sheet_name, ref in wanted:
        cell = book[sheet_name][ref]
        value = cell.value
        cells.append({"sheet": sheet_name, "ref": ref, "dataType": cell.data_type, "value": value if isinstance(value, (str, int, float, bool)) or value is None else str(value)})
    names = sorted(book.defined_names.keys()) if hasattr(book.defined_names, "keys") else sorted(n.name for n in book.defined_names.definedName)
    print(json.dumps({"sheets": sheets, "cells": cells, "definedNames": names}))


if __name__ == "__main__":
    main()
