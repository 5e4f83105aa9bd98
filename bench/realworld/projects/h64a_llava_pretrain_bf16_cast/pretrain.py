# source: https://github.com/haotian-liu/LLaVA/issues/1582
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-cast-not-placed
# shape: multi-file, loader-loop, batch-dict
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Stage-1 pretraining on LCS-558K style caption pairs (projector only)."""
import json
import os

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from transformers import AutoTokenizer, CLIPImageProcessor

from llava_arch import IGNORE_INDEX, build_llava

IMAGE_TOKEN = "<image>"


class CaptionPairs(Dataset):
    def __init__(self, json_path, image_root, tokenizer, image_processor, max_len=256):
        self.items = json.load(open(json_path))
        self.image_root = image_root
        self.tok = tokenizer
        self.proc = image_processor
        self.max_len = max_len

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        item = self.items[i]
        image = Image.open(os.path.join(self.image_root, item["image"])).convert("RGB")
        pixel_values = self.proc(image, return_tensors="pt")["pixel_values"][0]
        prompt = IMAGE_TOKEN + "\n"
        full = prompt + item["caption"] + self.tok.eos_token
        ids = self.tok(full, truncation=True, max_length=self.max_len, padding="max_length",
                       return_tensors="pt")
        input_ids = ids.input_ids[0]
        labels = input_ids.clone()
        n_prompt = len(self.tok(prompt).input_ids)
        labels[:n_prompt] = IGNORE_INDEX
        labels[ids.attention_mask[0] == 0] = IGNORE_INDEX
        return {"input_ids": input_ids, "attention_mask": ids.attention_mask[0],
                "pixel_values": pixel_values, "labels": labels}


def main():
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained("lmsys/vicuna-7b-v1.5", use_fast=False)
    tokenizer.add_tokens([IMAGE_TOKEN], special_tokens=True)
    tokenizer.pad_token = tokenizer.unk_token
    image_token_id = tokenizer.convert_tokens_to_ids(IMAGE_TOKEN)
    image_processor = CLIPImageProcessor.from_pretrained("openai/clip-vit-large-patch14-336")

    model = build_llava("lmsys/vicuna-7b-v1.5", "openai/clip-vit-large-patch14-336",
                        image_token_id, bf16=True, device=device)
    model.llm.resize_token_embeddings(len(tokenizer))
    model.mm_projector.requires_grad_(True)
    optimizer = torch.optim.AdamW(model.mm_projector.parameters(), lr=1e-3)

    ds = CaptionPairs("blip_laion_cc_sbu_558k.json", "images", tokenizer, image_processor)
    loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=4)
    model.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        batch["pixel_values"] = batch["pixel_values"].to(torch.bfloat16)
        out = model(**batch)
        out.loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 10 == 0:
            print(f"step {step} loss {out.loss.item():.4f}")


if __name__ == "__main__":
    main()
