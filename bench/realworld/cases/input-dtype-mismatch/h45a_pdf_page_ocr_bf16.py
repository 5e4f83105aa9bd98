# source: https://github.com/facebookresearch/nougat/issues/133
# error: RuntimeError: Input type (struct c10::BFloat16) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper, loader-loop
# bug-lines: 41, 49
# needs: torch, transformers, pdf2image
# cpu: no written where torch was not installed; not run
"""Turn scanned papers into markdown with a Nougat checkpoint (falls back to CPU on small GPUs)."""
import logging
import sys

import torch
from pdf2image import convert_from_path
from transformers import NougatProcessor, VisionEncoderDecoderModel

MIN_VRAM_GB = 6


def pick_device():
    if torch.cuda.is_available():
        total = torch.cuda.get_device_properties(0).total_memory / 1024 ** 3
        if total >= MIN_VRAM_GB:
            return torch.device("cuda")
        logging.warning("GPU VRAM is too small. Computing on CPU.")
    return torch.device("cpu")


class PaperTranscriber:
    def __init__(self, checkpoint="facebook/nougat-base", batch_size=4):
        self.device = pick_device()
        self.processor = NougatProcessor.from_pretrained(checkpoint)
        self.model = VisionEncoderDecoderModel.from_pretrained(checkpoint)
        if self.device.type == "cuda":
            # bf16 halves the memory of the swin encoder on the GPU
            self.model = self.model.to(torch.bfloat16)
        self.model.to(self.device).eval()
        self.batch_size = batch_size

    def _pixel_batch(self, pages):
        pixel_values = self.processor(images=pages, return_tensors="pt").pixel_values
        return pixel_values.to(self.device, torch.bfloat16)

    def transcribe(self, pdf_path):
        pages = convert_from_path(pdf_path, dpi=96)
        markdown = []
        for start in range(0, len(pages), self.batch_size):
            pixel_values = self._pixel_batch(pages[start:start + self.batch_size])
            with torch.no_grad():
                out = self.model.generate(pixel_values=pixel_values, min_length=1,
                                          max_new_tokens=3584)
            text = self.processor.batch_decode(out, skip_special_tokens=True)
            markdown.extend(self.processor.post_process_generation(text, fix_markdown=False))
        return "\n\n".join(markdown)


if __name__ == "__main__":
    transcriber = PaperTranscriber()
    for path in sys.argv[1:]:
        print(transcriber.transcribe(path))
