# source: https://github.com/oobabooga/textgen/issues/4644
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, top-level
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
import sys

import torch
from PIL import Image
from transformers import AutoModelForCausalLM, AutoTokenizer

from embedder import LlavaImageEmbedder

LM_PATH = "models/llava-v1.5-13b-lm"
PARAMS = {"vision_device": "cuda:0", "vision_bits": 16, "projector_device": "cuda:0", "projector_bits": 16}

tokenizer = AutoTokenizer.from_pretrained(LM_PATH)
lm = AutoModelForCausalLM.from_pretrained(LM_PATH, torch_dtype=torch.float16).to("cuda:0").eval()
embedder = LlavaImageEmbedder(PARAMS, lm_device=lm.device, lm_dtype=lm.dtype)


def build_inputs_embeds(prompt, image):
    before, after = prompt.split("<image>")
    ids_before = tokenizer(before, return_tensors="pt").input_ids.to(lm.device)
    ids_after = tokenizer(after, add_special_tokens=False, return_tensors="pt").input_ids.to(lm.device)
    embed = lm.get_input_embeddings()
    image_embeds = embedder.embed_images([image])
    return torch.cat([embed(ids_before), image_embeds, embed(ids_after)], dim=1)


def chat(image_path, question):
    image = Image.open(image_path).convert("RGB")
    prompt = f"USER: <image>\n{question} ASSISTANT:"
    inputs_embeds = build_inputs_embeds(prompt, image)
    with torch.no_grad():
        out = lm.generate(inputs_embeds=inputs_embeds, max_new_tokens=200, do_sample=False)
    return tokenizer.decode(out[0], skip_special_tokens=True)


if __name__ == "__main__":
    print(chat(sys.argv[1] if len(sys.argv) > 1 else "example.jpg", "What is shown in this picture?"))
