# source: https://github.com/bytedance/Dolphin/issues/95
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 23, 32
# needs: torch, transformers, PIL
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from PIL import Image
from transformers import AutoProcessor, VisionEncoderDecoderModel


class DocumentParser:
    def __init__(self, model_path):
        self.processor = AutoProcessor.from_pretrained(model_path)
        self.model = VisionEncoderDecoderModel.from_pretrained(model_path)
        self.model.eval()
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model.to(self.device)
        self.model = self.model.half()
        self.tokenizer = self.processor.tokenizer

    def chat(self, prompt, image):
        images = image if isinstance(image, list) else [image]
        prompts = prompt if isinstance(prompt, list) else [prompt] * len(images)

        batch = self.processor(images, return_tensors="pt", padding=True)
        pixel_values = batch.pixel_values.to(self.device)
        pixel_values = pixel_values.half()

        prompts = [f"<s>{p} <Answer/>" for p in prompts]
        enc = self.tokenizer(prompts, add_special_tokens=False, return_tensors="pt")
        outputs = self.model.generate(
            pixel_values=pixel_values,
            decoder_input_ids=enc.input_ids.to(self.device),
            decoder_attention_mask=enc.attention_mask.to(self.device),
            max_length=4096,
            pad_token_id=self.tokenizer.pad_token_id,
            eos_token_id=self.tokenizer.eos_token_id,
            num_beams=1,
            do_sample=False,
        )
        texts = self.tokenizer.batch_decode(outputs, skip_special_tokens=False)
        results = [t.replace(p, "").replace("<pad>", "").replace("</s>", "").strip()
                   for t, p in zip(texts, prompts)]
        return results if isinstance(image, list) else results[0]


def parse_page(parser, image_path):
    image = Image.open(image_path).convert("RGB")
    layout = parser.chat("Parse the reading order of this document.", image)
    return {"image": os.path.basename(image_path), "layout": layout}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model_path", default="./hf_model")
    ap.add_argument("--input_path", default="page_1.jpeg")
    args = ap.parse_args()
    doc_parser = DocumentParser(args.model_path)
    print(parse_page(doc_parser, args.input_path))
