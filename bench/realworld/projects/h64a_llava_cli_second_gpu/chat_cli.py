# source: https://github.com/haotian-liu/LLaVA/issues/1516
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Single-image chat from the command line, e.g.

python chat_cli.py --model-path ./llava-v1.5-7b --image-file task.png --load-4bit --device cuda:1
"""
import argparse

import torch
from PIL import Image

from mm_builder import load_pretrained_model

IMAGE_TOKEN = "<image>"


def build_inputs_embeds(model, tokenizer, projector, image_features, prompt, device):
    before, after = prompt.split(IMAGE_TOKEN)
    ids_before = tokenizer(before, return_tensors="pt").input_ids.to(device)
    ids_after = tokenizer(after, add_special_tokens=False, return_tensors="pt").input_ids.to(device)
    embed = model.get_input_embeddings()
    image_embeds = projector(image_features)
    return torch.cat([embed(ids_before), image_embeds, embed(ids_after)], dim=1)


def main(args):
    tokenizer, model, vision_tower, projector = load_pretrained_model(
        args.model_path, args.vision_tower, load_4bit=args.load_4bit, device=args.device
    )
    image = Image.open(args.image_file).convert("RGB")
    pixel_values = vision_tower.image_processor(image, return_tensors="pt")["pixel_values"]
    pixel_values = pixel_values.to(args.device, dtype=torch.float16)

    image_features = vision_tower(pixel_values)
    prompt = f"USER: {IMAGE_TOKEN}\n{args.question} ASSISTANT:"
    inputs_embeds = build_inputs_embeds(model, tokenizer, projector, image_features, prompt, args.device)
    with torch.inference_mode():
        output_ids = model.generate(inputs_embeds=inputs_embeds, max_new_tokens=args.max_new_tokens)
    print(tokenizer.decode(output_ids[0], skip_special_tokens=True))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-path", required=True)
    parser.add_argument("--vision-tower", default="openai/clip-vit-large-patch14-336")
    parser.add_argument("--image-file", required=True)
    parser.add_argument("--question", default="Describe the image.")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--load-4bit", action="store_true")
    parser.add_argument("--max-new-tokens", type=int, default=256)
    main(parser.parse_args())
