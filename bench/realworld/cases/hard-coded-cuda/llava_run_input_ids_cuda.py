# source: https://github.com/haotian-liu/LLaVA/pull/1921
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: helper
# bug-lines: 37
# cpu: no needs a download
# needs: torch, transformers
import argparse

import torch
from transformers import AutoProcessor, LlavaForConditionalGeneration


def load_pretrained_model(model_path, device):
    processor = AutoProcessor.from_pretrained(model_path)
    model = LlavaForConditionalGeneration.from_pretrained(
        model_path, torch_dtype=torch.float16, device_map={"": device}
    )
    return processor, model


def load_images(image_files):
    from PIL import Image

    return [Image.open(f).convert("RGB") for f in image_files]


def eval_model(args):
    processor, model = load_pretrained_model(args.model_path, args.device)
    images = load_images(args.image_file.split(","))
    prompt = f"USER: {'<image>' * len(images)}\n{args.query} ASSISTANT:"
    enc = processor(images=images, text=prompt, return_tensors="pt")

    # images already follow the model ...
    images_tensor = enc["pixel_values"].to(model.device, dtype=torch.float16)
    # ... the prompt ids go to the current CUDA device (cuda:0)
    input_ids = enc["input_ids"].cuda()

    with torch.inference_mode():
        output_ids = model.generate(
            input_ids=input_ids,
            pixel_values=images_tensor,
            do_sample=args.temperature > 0,
            temperature=args.temperature,
            max_new_tokens=args.max_new_tokens,
        )
    return processor.batch_decode(output_ids, skip_special_tokens=True)[0].strip()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-path", default="llava-hf/llava-1.5-7b-hf")
    parser.add_argument("--image-file", required=True)
    parser.add_argument("--query", default="What is shown in this image?")
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--temperature", type=float, default=0.2)
    parser.add_argument("--max_new_tokens", type=int, default=64)
    print(eval_model(parser.parse_args()))
