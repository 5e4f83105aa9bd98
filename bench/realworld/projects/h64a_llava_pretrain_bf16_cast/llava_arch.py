# source: https://github.com/haotian-liu/LLaVA/issues/1582
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-cast-not-placed
# shape: multi-file, class
# bug-lines: 54, 61
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Stage-1 (feature alignment) LLaVA model: frozen CLIP + frozen LLM + trainable projector."""
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, CLIPVisionModel

IGNORE_INDEX = -100


class LlavaForPretraining(nn.Module):
    def __init__(self, llm, vision_tower, projector, image_token_id):
        super().__init__()
        self.llm = llm
        self.vision_tower = vision_tower
        self.mm_projector = projector
        self.image_token_id = image_token_id

    def encode_images(self, pixel_values):
        with torch.no_grad():
            feats = self.vision_tower(pixel_values, output_hidden_states=True).hidden_states[-2][:, 1:]
        return self.mm_projector(feats)

    def forward(self, input_ids, attention_mask, pixel_values, labels):
        text_embeds = self.llm.get_input_embeddings()(input_ids.clamp(min=0))
        image_embeds = self.encode_images(pixel_values)
        n_img = image_embeds.shape[1]
        merged, merged_labels = [], []
        for b in range(input_ids.shape[0]):
            pos = (input_ids[b] == self.image_token_id).nonzero()[0, 0]
            merged.append(torch.cat([text_embeds[b, :pos], image_embeds[b], text_embeds[b, pos + 1:]]))
            pad = labels.new_full((n_img,), IGNORE_INDEX)
            merged_labels.append(torch.cat([labels[b, :pos], pad, labels[b, pos + 1:]]))
        inputs_embeds = torch.stack(merged)
        labels = torch.stack(merged_labels)
        mask = torch.cat([attention_mask[:, :1].expand(-1, n_img), attention_mask[:, 1:]], dim=1)
        return self.llm(inputs_embeds=inputs_embeds, attention_mask=mask, labels=labels)


def build_projector(vision_hidden, llm_hidden):
    return nn.Sequential(nn.Linear(vision_hidden, llm_hidden), nn.GELU(), nn.Linear(llm_hidden, llm_hidden))


def build_llava(llm_path, vision_path, image_token_id, bf16=True, device="cuda"):
    compute_dtype = torch.bfloat16 if bf16 else torch.float16
    llm = AutoModelForCausalLM.from_pretrained(llm_path, attn_implementation="sdpa")
    llm.requires_grad_(False)
    llm.config.use_cache = False
    llm.to(dtype=compute_dtype)

    vision_tower = CLIPVisionModel.from_pretrained(vision_path)
    vision_tower.requires_grad_(False)
    vision_tower.to(dtype=compute_dtype, device=device)

    projector = build_projector(vision_tower.config.hidden_size, llm.config.hidden_size)
    projector.to(dtype=compute_dtype)
    return LlavaForPretraining(llm, vision_tower, projector, image_token_id)
