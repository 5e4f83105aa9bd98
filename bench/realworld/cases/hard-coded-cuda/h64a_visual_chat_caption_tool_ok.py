# source: https://github.com/chenfei-wu/TaskMatrix/issues/307
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# looks-like: hard-coded-cuda
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Visual-chat tool loader: each tool is placed on the device named in --load (e.g. ImageCaptioning_cuda:0)."""
import argparse

import torch
from PIL import Image
from transformers import BlipForConditionalGeneration, BlipForQuestionAnswering, BlipProcessor


def default_load_spec():
    if torch.cuda.is_available():
        return "ImageCaptioning_cuda:0,VisualQuestionAnswering_cuda:0"
    return "ImageCaptioning_cpu,VisualQuestionAnswering_cpu"


def resolve_device(requested):
    if requested.startswith("cuda") and not torch.cuda.is_available():
        print(f"[tools] {requested} requested but CUDA is unavailable, using cpu")
        return "cpu"
    return requested


class ImageCaptioning:
    def __init__(self, device):
        self.device = device
        self.torch_dtype = torch.float16 if "cuda" in device else torch.float32
        self.processor = BlipProcessor.from_pretrained("Salesforce/blip-image-captioning-base")
        self.model = BlipForConditionalGeneration.from_pretrained(
            "Salesforce/blip-image-captioning-base", torch_dtype=self.torch_dtype
        ).to(self.device)

    def inference(self, image_path):
        image = Image.open(image_path).convert("RGB")
        inputs = self.processor(image, return_tensors="pt").to(self.device, self.torch_dtype)
        out = self.model.generate(**inputs, max_new_tokens=40)
        return self.processor.decode(out[0], skip_special_tokens=True)


class VisualQuestionAnswering:
    def __init__(self, device):
        self.device = device
        self.torch_dtype = torch.float16 if "cuda" in device else torch.float32
        self.processor = BlipProcessor.from_pretrained("Salesforce/blip-vqa-base")
        self.model = BlipForQuestionAnswering.from_pretrained(
            "Salesforce/blip-vqa-base", torch_dtype=self.torch_dtype
        ).to(self.device)

    def inference(self, image_path, question):
        image = Image.open(image_path).convert("RGB")
        inputs = self.processor(image, question, return_tensors="pt").to(self.device, self.torch_dtype)
        out = self.model.generate(**inputs, max_new_tokens=20)
        return self.processor.decode(out[0], skip_special_tokens=True)


TOOLS = {"ImageCaptioning": ImageCaptioning, "VisualQuestionAnswering": VisualQuestionAnswering}


def load_tools(spec):
    tools = {}
    for entry in spec.split(","):
        name, device = entry.strip().split("_", 1)
        tools[name] = TOOLS[name](device=resolve_device(device))
    return tools


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", type=str, default=default_load_spec())
    parser.add_argument("--image", default="example.png")
    args = parser.parse_args()
    tools = load_tools(args.load)
    print(tools["ImageCaptioning"].inference(args.image))
    print(tools["VisualQuestionAnswering"].inference(args.image, "What is in the picture?"))
