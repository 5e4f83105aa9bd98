# source: https://github.com/TheLastBen/fast-stable-diffusion/issues/1080
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Text conditioning with one trainable placeholder embedding (textual inversion)."""
import torch
import torch.nn as nn
from transformers import CLIPTextModel, CLIPTokenizer


class EmbeddingConditioner(nn.Module):
    def __init__(self, version, placeholder="*", init_word="style", num_vectors=1):
        super().__init__()
        self.tokenizer = CLIPTokenizer.from_pretrained(version, subfolder="tokenizer")
        self.transformer = CLIPTextModel.from_pretrained(version, subfolder="text_encoder")
        self.transformer.requires_grad_(False)
        self.placeholder_id = self.tokenizer.convert_tokens_to_ids(placeholder)
        token_embedding = self.transformer.get_input_embeddings()
        init_id = self.tokenizer(init_word, add_special_tokens=False).input_ids[0]
        init = token_embedding.weight[init_id].detach().clone()
        self.string_to_param = nn.Parameter(init.unsqueeze(0).repeat(num_vectors, 1))

    def forward(self, prompts):
        device = self.string_to_param.device
        ids = self.tokenizer(prompts, padding="max_length", max_length=77, truncation=True,
                             return_tensors="pt").input_ids.to(device)
        embeds = self.transformer.get_input_embeddings()(ids)
        mask = (ids == self.placeholder_id).unsqueeze(-1)
        embeds = torch.where(mask, self.string_to_param[0].to(embeds.dtype), embeds)
        out = self.transformer.text_model.encoder(inputs_embeds=embeds + self.position_embeddings(ids))
        return self.transformer.text_model.final_layer_norm(out.last_hidden_state)

    def position_embeddings(self, ids):
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        return self.transformer.text_model.embeddings.position_embedding(positions)

    def embedding_parameters(self):
        return [self.string_to_param]
