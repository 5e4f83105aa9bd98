# source: https://github.com/huggingface/transformers/issues/21989
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Answer questions about scanned invoices/forms with an OCR-free document QA model."""
import sys

import torch
from PIL import Image
from transformers import DonutProcessor, VisionEncoderDecoderModel


def pick_device_and_dtype(prefer_fp16=True):
    if torch.cuda.is_available():
        return torch.device("cuda"), (torch.float16 if prefer_fp16 else torch.float32)
    return torch.device("cpu"), torch.float32


class DocumentQA:
    def __init__(self, name="naver-clova-ix/donut-base-finetuned-docvqa", prefer_fp16=True):
        self.device, self.dtype = pick_device_and_dtype(prefer_fp16)
        self.processor = DonutProcessor.from_pretrained(name)
        self.model = VisionEncoderDecoderModel.from_pretrained(name)
        if self.dtype == torch.float16:
            self.model = self.model.half()
        self.model.to(self.device).eval()

    @torch.no_grad()
    def ask(self, image_path, question):
        image = Image.open(image_path).convert("RGB")
        prompt = f"<s_docvqa><s_question>{question}</s_question><s_answer>"
        pixel_values = self.processor(image, return_tensors="pt").pixel_values
        pixel_values = pixel_values.to(self.device, dtype=self.dtype)
        prompt_ids = self.processor.tokenizer(prompt, add_special_tokens=False,
                                              return_tensors="pt").input_ids.to(self.device)
        out = self.model.generate(pixel_values, decoder_input_ids=prompt_ids, max_length=128,
                                  pad_token_id=self.processor.tokenizer.pad_token_id,
                                  eos_token_id=self.processor.tokenizer.eos_token_id)
        text = self.processor.batch_decode(out)[0]
        return self.processor.token2json(text).get("answer")


if __name__ == "__main__":
    qa = DocumentQA()
    print(qa.ask(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "What is the invoice total?"))
