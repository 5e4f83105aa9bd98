# source: https://github.com/facebookresearch/nougat/issues/108
# error: RuntimeError: Input type (struct c10::BFloat16) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch, transformers, pdf2image
# cpu: no written where torch was not installed; not run
"""PDF loader for a RAG index: Nougat OCR with a precision switch (bf16 on GPU, float32 on CPU)."""
from typing import Iterator, Optional

import torch
from pdf2image import convert_from_path
from transformers import NougatProcessor, VisionEncoderDecoderModel


class NougatPDFLoader:
    def __init__(self, file_path: str, checkpoint: str = "facebook/nougat-small",
                 full_precision: Optional[bool] = None, batch_size: int = 2):
        self.file_path = file_path
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        if full_precision is None:
            full_precision = self.device.type == "cpu"
        self.dtype = torch.float32 if full_precision else torch.bfloat16
        self.processor = NougatProcessor.from_pretrained(checkpoint)
        model = VisionEncoderDecoderModel.from_pretrained(checkpoint)
        self.model = model.to(device=self.device, dtype=self.dtype).eval()
        self.batch_size = batch_size

    def _encode(self, pages):
        pixel_values = self.processor(images=pages, return_tensors="pt").pixel_values
        return pixel_values.to(device=self.device, dtype=self.model.dtype)

    def lazy_load(self) -> Iterator[dict]:
        pages = convert_from_path(self.file_path, dpi=96)
        for start in range(0, len(pages), self.batch_size):
            pixel_values = self._encode(pages[start:start + self.batch_size])
            with torch.no_grad():
                ids = self.model.generate(pixel_values=pixel_values, max_new_tokens=2048)
            texts = self.processor.batch_decode(ids, skip_special_tokens=True)
            for offset, text in enumerate(self.processor.post_process_generation(texts)):
                yield {"page": start + offset + 1, "source": self.file_path, "text": text}

    def load(self):
        return list(self.lazy_load())
