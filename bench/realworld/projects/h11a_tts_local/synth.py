# source: https://github.com/resemble-ai/chatterbox/issues/472 https://github.com/resemble-ai/chatterbox/pull/418
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# bug-lines: 39, 44
# needs: torch
# cpu: no written where torch was not installed; not run
from pathlib import Path

import torch

from voice_encoder import VoiceEncoder, MelDecoder


class Synthesizer:
    def __init__(self, ve, decoder, conds, device):
        self.ve = ve
        self.decoder = decoder
        self.conds = conds
        self.device = device

    @torch.inference_mode()
    def generate(self, token_ids, ref_mels=None):
        if ref_mels is not None:
            spk_emb = self.ve(ref_mels.to(self.device))
        else:
            spk_emb = self.conds["speaker_emb"]
        tokens = torch.as_tensor(token_ids, device=self.device).unsqueeze(0)
        return self.decoder(tokens, spk_emb).squeeze(0).cpu()

    @classmethod
    def from_local(cls, ckpt_dir, device):
        ckpt_dir = Path(ckpt_dir)
        if isinstance(device, str):
            device = torch.device(device)

        ve = VoiceEncoder()
        ve.load_state_dict(
            torch.load(ckpt_dir / "ve.pt", weights_only=True)
        )
        ve.to(device).eval()

        decoder = MelDecoder()
        state = torch.load(ckpt_dir / "decoder.pt", weights_only=True)
        decoder.load_state_dict(state)
        decoder.to(device).eval()

        conds = torch.load(ckpt_dir / "conds.pt", map_location="cpu", weights_only=True)
        conds = {k: v.to(device) for k, v in conds.items()}
        return cls(ve, decoder, conds, device)
