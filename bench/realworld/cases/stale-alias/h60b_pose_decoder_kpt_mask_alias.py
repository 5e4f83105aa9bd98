# source: https://github.com/LibreYOLO/libreyolo/issues/874
# error: RuntimeError: Expected all tensors to be on the same device, but got attn_bias is on cpu, different from other tensors on cuda:0
# pattern: stale-alias
# shape: class
# bug-lines: 30, 42
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torch.nn as nn


def build_keypoint_class_mask(num_instances, num_keypoints):
    """Keypoint queries may only attend to queries of the same instance."""
    groups = torch.arange(num_instances).repeat_interleave(num_keypoints)
    return groups[:, None] != groups[None, :]          # True = masked out


class KeypointDecoderLayer(nn.Module):
    def __init__(self, dim=256, heads=8):
        super().__init__()
        self.kp_inst_self_attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm = nn.LayerNorm(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.keypoint_class_mask = None

    def forward(self, queries):
        q = k = v = queries
        out = self.kp_inst_self_attn(q, k, v, attn_mask=self.keypoint_class_mask, need_weights=False)[0]
        queries = self.norm(queries + out)
        return queries + self.ffn(queries)


class PoseDecoder(nn.Module):
    def __init__(self, num_instances=20, num_keypoints=17, dim=256, num_layers=3):
        super().__init__()
        self.query_embed = nn.Embedding(num_instances * num_keypoints, dim)
        self.register_buffer("kpt_mask", build_keypoint_class_mask(num_instances, num_keypoints))
        self.layers = nn.ModuleList(KeypointDecoderLayer(dim) for _ in range(num_layers))
        for layer in self.layers:
            layer.keypoint_class_mask = self.kpt_mask
        self.kpt_head = nn.Linear(dim, 3)                 # x, y, visibility

    def forward(self, memory):
        queries = self.query_embed.weight[None].expand(memory.shape[0], -1, -1) + memory.mean(1, keepdim=True)
        for layer in self.layers:
            queries = layer(queries)
        return self.kpt_head(queries)


class PosePredictor:
    def __init__(self, weights, device="cuda:0"):
        self.device = torch.device(device)
        self.backbone = nn.Sequential(nn.Conv2d(3, 256, 16, 16), nn.Flatten(2))
        self.decoder = PoseDecoder()
        state = torch.load(weights, map_location="cpu")
        self.backbone.load_state_dict(state["backbone"])
        self.decoder.load_state_dict(state["decoder"])
        self.backbone.to(self.device).eval()
        self.decoder.to(self.device).eval()

    @torch.no_grad()
    def predict(self, image_bgr):
        img = cv2.resize(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB), (640, 640))
        x = torch.from_numpy(img).permute(2, 0, 1)[None].float().div(255).to(self.device)
        memory = self.backbone(x).transpose(1, 2)
        return self.decoder(memory).sigmoid().cpu().numpy()


if __name__ == "__main__":
    predictor = PosePredictor("pose.pt", device="cuda:0")
    keypoints = predictor.predict(cv2.imread("image.jpg"))
    print(np.round(keypoints[0, :17], 3))
