# source: https://github.com/Edresson/YourTTS/issues/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, loader-loop, batch-dict
# bug-lines: 36, 42
# needs: torch
# cpu: no written where torch was not installed; not run
"""Voice-conversion training step with a speaker-consistency loss (SCL).

A frozen speaker encoder embeds both the reference and the generated waveform;
it lives in a SpeakerManager, not inside the generator module.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SpeakerEncoder(nn.Module):
    def __init__(self, n_mels=64, dim=256):
        super().__init__()
        self.frontend = nn.Conv1d(1, n_mels, kernel_size=400, stride=160)
        self.lstm = nn.LSTM(n_mels, dim, num_layers=3, batch_first=True)
        self.proj = nn.Linear(dim, dim)

    def compute_embedding(self, wav):
        feats = self.frontend(wav.unsqueeze(1)).transpose(1, 2)
        out, _ = self.lstm(feats)
        return F.normalize(self.proj(out[:, -1]), dim=-1)


class SpeakerManager:
    def __init__(self):
        self.encoder = None

    def init_encoder(self, ckpt_path):
        self.encoder = SpeakerEncoder()
        self.encoder.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
        self.encoder.eval().requires_grad_(False)


def speaker_consistency_loss(manager, wav_ref, wav_hat):
    emb_ref = manager.encoder.compute_embedding(wav_ref)
    emb_hat = manager.encoder.compute_embedding(wav_hat)
    return -F.cosine_similarity(emb_ref, emb_hat, dim=-1).mean()


def train_epoch(generator, manager, loader, optimizer, device, scl_alpha=9.0):
    generator.train()
    for batch in loader:
        wav_src = batch["wav_src"].to(device)
        wav_ref = batch["wav_ref"].to(device)
        wav_hat = generator(wav_src, wav_ref)
        rec = F.l1_loss(wav_hat, wav_src)
        loss = rec + scl_alpha * speaker_consistency_loss(manager, wav_ref, wav_hat)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def build_training(generator_cls, speaker_ckpt, device):
    generator = generator_cls().to(device)
    manager = SpeakerManager()
    manager.init_encoder(speaker_ckpt)
    optimizer = torch.optim.AdamW(generator.parameters(), lr=2e-4, betas=(0.8, 0.99))
    return generator, manager, optimizer


if __name__ == "__main__":
    from vc_model import FreeVCGenerator
    from vc_data import make_loader

    device = torch.device("cuda")
    gen, manager, opt = build_training(FreeVCGenerator, "checkpoints/speaker_encoder.pth", device)
    for epoch in range(100):
        train_epoch(gen, manager, make_loader("filelists/vctk_train.txt"), opt, device)
