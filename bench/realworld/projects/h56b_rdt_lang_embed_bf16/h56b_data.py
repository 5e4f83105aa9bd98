# source: https://github.com/thu-ml/RoboticsDiffusionTransformer/issues/21
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got BFloat16 and Float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict
# bug-lines: 19, 29
# needs: torch
# cpu: no written where torch was not installed; not run
"""Episode dataset for fine-tuning on our own arm.  Instruction embeddings are
pre-computed once with the frozen text encoder and cached in memory."""
import torch
from torch.utils.data import Dataset


class InstructionEmbeddingCache:
    """Runs the (large) frozen text encoder once per distinct instruction."""

    def __init__(self, text_encoder, tokenizer, device):
        # the encoder only runs in inference mode; bf16 halves its memory footprint
        self.encoder = text_encoder.to(device=device, dtype=torch.bfloat16).eval()
        self.tokenizer = tokenizer
        self.device = device
        self._cache = {}

    @torch.no_grad()
    def __call__(self, instruction):
        if instruction not in self._cache:
            ids = self.tokenizer(instruction).to(self.device)
            hidden = self.encoder(ids)
            self._cache[instruction] = hidden.squeeze(0).cpu()
        return self._cache[instruction]

    def precompute(self, instructions):
        return {text: self(text) for text in set(instructions)}


class ArmEpisodeDataset(Dataset):
    def __init__(self, episodes, lang_embeddings, horizon=64):
        self.episodes = episodes
        self.lang_embeddings = lang_embeddings
        self.horizon = horizon

    def __len__(self):
        return len(self.episodes)

    def __getitem__(self, idx):
        ep = self.episodes[idx]
        start = torch.randint(0, ep["actions"].shape[0] - self.horizon + 1, ()).item()
        return {"lang_embeds": self.lang_embeddings[ep["instruction"]],
                "img_tokens": ep["img_tokens"][start],
                "state": ep["state"][start].unsqueeze(0),
                "actions": ep["actions"][start:start + self.horizon]}
