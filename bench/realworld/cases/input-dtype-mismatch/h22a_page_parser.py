# source: https://github.com/bytedance/Dolphin/pull/148
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 29
# needs: torch, transformers, PIL
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from PIL import Image
from transformers import AutoProcessor, VisionEncoderDecoderModel


class PageParser:
    def __init__(self, model_id):
        self.processor = AutoProcessor.from_pretrained(model_id)
        self.model = VisionEncoderDecoderModel.from_pretrained(model_id)
        self.model.eval()
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model.to(self.device)
        if self.device == "cuda":
            self.model = self.model.half()
        self.tokenizer = self.processor.tokenizer

    def chat(self, prompt, image, max_new_tokens=2048):
        batch = self.processor(image.convert("RGB"), return_tensors="pt")
        pixel_values = batch.pixel_values.half().to(self.device)
        prompt_ids = self.tokenizer(f"<s>{prompt} <Answer/>", add_special_tokens=False,
                                    return_tensors="pt").input_ids.to(self.device)
        with torch.no_grad():
            out = self.model.generate(
                pixel_values=pixel_values,
                decoder_input_ids=prompt_ids,
                max_length=max_new_tokens,
                pad_token_id=self.tokenizer.pad_token_id,
                eos_token_id=self.tokenizer.eos_token_id,
                num_beams=1,
                use_cache=True,
            )
        text = self.tokenizer.batch_decode(out, skip_special_tokens=True)[0]
        return text.replace(prompt, "").strip()


def parse_folder(parser, folder, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith((".png", ".jpg", ".jpeg")):
            continue
        image = Image.open(os.path.join(folder, name))
        layout = parser.chat("Parse the reading order of this document.", image)
        with open(os.path.join(out_dir, name.rsplit(".", 1)[0] + ".txt"), "w") as fh:
            fh.write(layout)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="ByteDance/Dolphin")
    ap.add_argument("--input", default="./demo/page_imgs")
    ap.add_argument("--output", default="./results")
    args = ap.parse_args()
    parse_folder(PageParser(args.model), args.input, args.output)
