# source: https://github.com/haotian-liu/LLaVA/pull/483
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# looks-like: current-gpu-mismatch
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""One model worker per GPU: python gpu_worker.py --gpu 1 --model-path ./llava-v1.5-7b --image-file a.png"""
import argparse

import torch
from PIL import Image

from mm_loader import load_pretrained_model

parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=0)
parser.add_argument("--model-path", required=True)
parser.add_argument("--vision-tower", default="openai/clip-vit-large-patch14-336")
parser.add_argument("--image-file", required=True)
parser.add_argument("--question", default="What is shown in this image?")
args = parser.parse_args()

# pin this process to its GPU first: every later .cuda() and the loader use the same card
torch.cuda.set_device(args.gpu)
device = torch.device("cuda", torch.cuda.current_device())

tokenizer, model, vision_tower, projector = load_pretrained_model(
    args.model_path, args.vision_tower, device=device
)

image = Image.open(args.image_file).convert("RGB")
pixel_values = vision_tower.image_processor(image, return_tensors="pt")["pixel_values"]
pixel_values = pixel_values.cuda(non_blocking=True).half()
image_embeds = projector(vision_tower(pixel_values))

before, after = f"USER: <image>\n{args.question} ASSISTANT:".split("<image>")
ids_before = tokenizer(before, return_tensors="pt").input_ids.cuda()
ids_after = tokenizer(after, add_special_tokens=False, return_tensors="pt").input_ids.cuda()
embed = model.get_input_embeddings()
inputs_embeds = torch.cat([embed(ids_before), image_embeds, embed(ids_after)], dim=1)
with torch.inference_mode():
    output_ids = model.generate(inputs_embeds=inputs_embeds, max_new_tokens=256)
print(tokenizer.decode(output_ids[0], skip_special_tokens=True))
