# source: https://github.com/yangjianxin1/ClipCap-Chinese/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# bug-lines: 34
# needs: torch, clip, transformers
# cpu: no written where torch was not installed; not run
"""Batch captioning of an image folder with a trained ClipCap checkpoint."""
import argparse
import os

import clip
import torch
from torch.utils.data import DataLoader
from transformers import GPT2Tokenizer

from captioner import ClipCaptionModel, generate_captions
from dataset import ImageFolderForCaptioning


def main(args):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tokenizer = GPT2Tokenizer.from_pretrained(args.gpt2_path)
    model = ClipCaptionModel(args.gpt2_path, prefix_len=args.prefix_len).to(device)
    model.load_state_dict(torch.load(args.checkpoint, map_location=device))
    model.eval()

    clip_model, preprocess = clip.load(args.clip_model, device=device, jit=False)
    loader = DataLoader(ImageFolderForCaptioning(args.image_dir, preprocess), batch_size=args.batch_size)

    lines = []
    for images, names in loader:
        with torch.no_grad():
            clip_embeds = clip_model.encode_image(images).float()
        captions = generate_captions(model, clip_embeds, tokenizer, max_len=args.max_len)
        lines.extend(f"{n}\t{c}" for n, c in zip(names, captions))

    os.makedirs(args.output_dir, exist_ok=True)
    with open(os.path.join(args.output_dir, "captions.tsv"), "w", encoding="utf8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--image_dir", default="datasets/test")
    parser.add_argument("--checkpoint", default="output/mlp/checkpoint-best.pt")
    parser.add_argument("--gpt2_path", default="pretrain_models/gpt2")
    parser.add_argument("--clip_model", default="ViT-B/32")
    parser.add_argument("--prefix_len", type=int, default=10)
    parser.add_argument("--max_len", type=int, default=40)
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--output_dir", default="output")
    main(parser.parse_args())
