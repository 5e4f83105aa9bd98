# source: https://github.com/EvilBT/ComfyUI_SLK_joy_caption_two/issues/31 https://github.com/EvilBT/ComfyUI_SLK_joy_caption_two/issues/45
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# bug-lines: 31, 42
# needs: torch, transformers, pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from PIL import Image
from transformers import AutoModelForCausalLM, AutoProcessor, AutoTokenizer, SiglipVisionModel


class ImageAdapter(nn.Module):
    def __init__(self, vision_dim, text_dim):
        super().__init__()
        self.norm = nn.LayerNorm(vision_dim)
        self.proj = nn.Sequential(nn.Linear(vision_dim, text_dim), nn.GELU(), nn.Linear(text_dim, text_dim))

    def forward(self, patch_features):
        return self.proj(self.norm(patch_features))


class CaptionPipeline:
    def __init__(self, vision_path, llm_path, adapter_path, device="cuda"):
        self.device = device
        self.processor = AutoProcessor.from_pretrained(vision_path)
        self.clip_model = SiglipVisionModel.from_pretrained(vision_path)
        self.clip_model.half().eval().requires_grad_(False)
        self.tokenizer = AutoTokenizer.from_pretrained(llm_path)
        self.llm = AutoModelForCausalLM.from_pretrained(llm_path, torch_dtype=torch.float16, device_map=device)
        self.adapter = ImageAdapter(self.clip_model.config.hidden_size, self.llm.config.hidden_size)
        self.adapter.load_state_dict(torch.load(adapter_path, map_location="cpu"))
        self.adapter.to(device, dtype=torch.float16).eval()

    def encode_image(self, image):
        pixel_values = self.processor(images=image, return_tensors="pt").pixel_values
        pixel_values = pixel_values.to(self.device, dtype=torch.float16)
        with torch.no_grad():
            outputs = self.clip_model(pixel_values=pixel_values, output_hidden_states=True)
        return self.adapter(outputs.hidden_states[-2])

    @torch.no_grad()
    def caption(self, image, prompt="Write a descriptive caption for this image.", max_new_tokens=200):
        image_embeds = self.encode_image(image)
        prompt_ids = self.tokenizer(prompt, return_tensors="pt").input_ids.to(self.device)
        prompt_embeds = self.llm.get_input_embeddings()(prompt_ids)
        inputs_embeds = torch.cat([image_embeds, prompt_embeds], dim=1)
        attention_mask = torch.ones(inputs_embeds.shape[:2], dtype=torch.long, device=self.device)
        out = self.llm.generate(inputs_embeds=inputs_embeds, attention_mask=attention_mask,
                                max_new_tokens=max_new_tokens, do_sample=False)
        return self.tokenizer.decode(out[0], skip_special_tokens=True).strip()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("images", nargs="+")
    parser.add_argument("--vision", default="google/siglip-so400m-patch14-384")
    parser.add_argument("--llm", default="unsloth/Meta-Llama-3.1-8B-Instruct")
    parser.add_argument("--adapter", default="checkpoints/image_adapter.pt")
    args = parser.parse_args()
    pipe = CaptionPipeline(args.vision, args.llm, args.adapter)
    for path in args.images:
        print(path, "->", pipe.caption(Image.open(path).convert("RGB")))
