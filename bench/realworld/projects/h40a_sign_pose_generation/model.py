# source: https://github.com/rotem-shalev/Ham2Pose/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Iterative text(HamNoSys)-to-pose generator: refines a sequence seeded with the first pose."""
import torch
import torch.nn as nn


class TextGuidedPoseGenerator(nn.Module):
    def __init__(self, vocab_size, pose_dims=(137, 2), hidden=128, num_steps=10, max_len=200):
        super().__init__()
        self.pose_dims = pose_dims
        self.num_steps = num_steps
        self.max_len = max_len
        pose_dim = pose_dims[0] * pose_dims[1]
        self.embedding = nn.Embedding(vocab_size, hidden)
        self.positions = nn.Embedding(max_len, hidden)
        layer = nn.TransformerEncoderLayer(hidden, nhead=4, batch_first=True)
        self.text_encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.seq_length = nn.Linear(hidden, 1)
        self.pose_projection = nn.Linear(pose_dim, hidden)
        self.step_embedding = nn.Embedding(num_steps, hidden)
        self.refiner = nn.TransformerEncoder(nn.TransformerEncoderLayer(hidden, nhead=4, batch_first=True), 2)
        self.pose_diff = nn.Sequential(nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, pose_dim))

    @property
    def device(self):
        return next(self.parameters()).device

    def encode_text(self, token_ids):
        pos = torch.arange(token_ids.size(1), device=self.device)
        encoded = self.text_encoder(self.embedding(token_ids) + self.positions(pos))
        return encoded, self.seq_length(encoded).mean().item()

    def refinement_step(self, step, pose_sequence, text_encoding):
        data = pose_sequence["data"].detach()
        b, t = data.shape[:2]
        pos = torch.arange(t, device=self.device)
        pose_emb = self.pose_projection(data.reshape(b, t, -1)) + self.positions(pos)
        step_emb = self.step_embedding(torch.full((b, 1), step, dtype=torch.long, device=self.device))
        hidden = self.refiner(torch.cat([pose_emb, text_encoding, step_emb], dim=1))[:, :t]
        change = self.pose_diff(hidden).reshape(data.shape)
        return data + (1.0 / self.num_steps) * change

    def generate(self, token_ids, first_pose, sequence_length=-1):
        text_encoding, predicted_len = self.encode_text(token_ids)
        seq_len = sequence_length if sequence_length > 0 else max(8, min(int(round(predicted_len)), self.max_len))
        pose_sequence = {
            "data": first_pose.expand(1, seq_len, *self.pose_dims),
            "mask": torch.zeros([1, seq_len], dtype=torch.bool, device=self.device),
        }
        for step in range(self.num_steps):
            pose_sequence["data"] = self.refinement_step(step, pose_sequence, text_encoding)
        return pose_sequence["data"][0]
