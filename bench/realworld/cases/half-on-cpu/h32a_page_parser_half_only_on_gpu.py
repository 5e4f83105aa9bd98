# source: https://github.com/bytedance/Dolphin/issues/61
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
from PIL import Image
from transformers import AutoProcessor, VisionEncoderDecoderModel


class PageParser:
    def __init__(self, model_path, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.processor = AutoProcessor.from_pretrained(model_path)
        model = VisionEncoderDecoderModel.from_pretrained(model_path)
        if self.device == "cuda":
            model = model.half()
        self.model = model.to(self.device).eval()
        self.dtype = next(self.model.parameters()).dtype

    def _pixel_values(self, image):
        pixels = self.processor(images=image, return_tensors="pt").pixel_values
        return pixels.to(device=self.device, dtype=self.dtype)

    @torch.no_grad()
    def parse(self, image, prompt="Parse the reading order of this document.", max_new_tokens=1024):
        pixel_values = self._pixel_values(image)
        prompt_ids = self.processor.tokenizer(f"<s>{prompt} <Answer/>", add_special_tokens=False,
                                              return_tensors="pt").input_ids.to(self.device)
        out = self.model.generate(pixel_values=pixel_values, decoder_input_ids=prompt_ids,
                                  max_new_tokens=max_new_tokens, do_sample=False)
        text = self.processor.tokenizer.batch_decode(out, skip_special_tokens=True)[0]
        return text.split("<Answer/>")[-1].strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_path", default="./hf_model")
    parser.add_argument("--input_path", default="./demo/page_imgs/page_1.jpeg")
    args = parser.parse_args()

    page_parser = PageParser(args.model_path)
    image = Image.open(args.input_path).convert("RGB")
    print(page_parser.parse(image))


if __name__ == "__main__":
    main()
