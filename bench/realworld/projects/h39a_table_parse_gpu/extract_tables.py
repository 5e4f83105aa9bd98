# source: https://github.com/Filimoa/open-parse/issues/17 https://github.com/Filimoa/open-parse/pull/18
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# needs: pymupdf, pillow
# cpu: no written where torch was not installed; not run
import argparse
import json

import fitz  # PyMuPDF
from PIL import Image

from table_infer import find_table_bboxes, get_table_cells


def render_pages(pdf_path, dpi=150):
    doc = fitz.open(pdf_path)
    for page_no, page in enumerate(doc):
        pix = page.get_pixmap(dpi=dpi)
        img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
        yield page_no, img


def crop_with_padding(img, bbox, padding_pct=0.05):
    x0, y0, x1, y1 = bbox
    pad_w, pad_h = (x1 - x0) * padding_pct, (y1 - y0) * padding_pct
    return img.crop((max(0, x0 - pad_w), max(0, y0 - pad_h),
                     min(img.width, x1 + pad_w), min(img.height, y1 + pad_h)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("--min-table-conf", type=float, default=0.75)
    parser.add_argument("--min-cell-conf", type=float, default=0.95)
    args = parser.parse_args()

    results = []
    for page_no, page_img in render_pages(args.pdf):
        for table in find_table_bboxes(page_img, args.min_table_conf):
            table_img = crop_with_padding(page_img, table["bbox"])
            cells = get_table_cells(table_img, args.min_cell_conf)
            results.append({"page": page_no, "bbox": table["bbox"], "cells": cells})
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
