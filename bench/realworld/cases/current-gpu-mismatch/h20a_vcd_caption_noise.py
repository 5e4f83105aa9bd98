# source: https://github.com/BillChan226/HALC/pull/16
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 29, 56
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
import argparse
import glob
import json

import torch
from PIL import Image
from transformers import Blip2ForConditionalGeneration, Blip2Processor


def add_diffusion_noise(image_tensor, noise_step, num_steps=1000):
    betas = torch.linspace(-6, 6, num_steps).sigmoid() * (0.5e-2 - 1e-5) + 1e-5
    alphas_bar = torch.cumprod(1 - betas, dim=0)
    a = alphas_bar[noise_step].to(image_tensor.dtype)
    return a.sqrt() * image_tensor + (1 - a).sqrt() * torch.randn_like(image_tensor)


@torch.no_grad()
def contrastive_caption(model, processor, image, image_cd, prompt_ids, cd_alpha, max_new_tokens=40):
    ids = prompt_ids
    for _ in range(max_new_tokens):
        logits = model(pixel_values=image, input_ids=ids).logits[:, -1, :]
        logits_cd = model(pixel_values=image_cd, input_ids=ids).logits[:, -1, :]
        next_id = ((1 + cd_alpha) * logits - cd_alpha * logits_cd).argmax(-1, keepdim=True)
        ids = torch.cat([ids, next_id], dim=-1)
        if next_id.item() == processor.tokenizer.eos_token_id:
            break
    return processor.decode(ids[0, prompt_ids.shape[1]:], skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="Salesforce/blip2-opt-2.7b")
    parser.add_argument("--data_path", default="coco/val2014")
    parser.add_argument("--gpu_id", type=int, default=1)
    parser.add_argument("--noise_step", type=int, default=500)
    parser.add_argument("--cd_alpha", type=float, default=1.0)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu_id}")
    processor = Blip2Processor.from_pretrained(args.model)
    model = Blip2ForConditionalGeneration.from_pretrained(args.model, torch_dtype=torch.float16)
    model.to(device).eval()

    prompt_ids = processor.tokenizer("a photo of", return_tensors="pt").input_ids.to(device)
    results = []
    for path in sorted(glob.glob(f"{args.data_path}/*.jpg"))[:500]:
        pixel = processor(images=Image.open(path).convert("RGB"), return_tensors="pt").pixel_values[0]
        image = pixel.unsqueeze(0).half().to(device)
        image_cd = add_diffusion_noise(pixel, args.noise_step).unsqueeze(0).half().cuda()
        caption = contrastive_caption(model, processor, image, image_cd, prompt_ids, args.cd_alpha)
        results.append({"image": path, "caption": caption})
    with open("vcd_captions.json", "w") as fh:
        json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
