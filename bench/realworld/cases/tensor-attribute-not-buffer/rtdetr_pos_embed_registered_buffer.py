# source: https://github.com/lyuwenyu/RT-DETR/issues/677
# error: none: the fixed version registers the embedding as a non-persistent buffer
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# looks-like: tensor-attribute-not-buffer
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class EncoderLayer(nn.Module):
    def __init__(self, d_model=64, nhead=4):
        super().__init__()
        self.nhead = nhead
        self.q_proj, self.k_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)
        self.v_proj, self.out_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)

    @staticmethod
    def with_pos_embed(tensor, pos_embed):
        return tensor if pos_embed is None else tensor + pos_embed

    def forward(self, src, pos_embed=None):
        q = k = self.with_pos_embed(src, pos_embed)
        b, n, c = src.shape
        q = self.q_proj(q).view(b, n, self.nhead, -1).transpose(1, 2)
        k = self.k_proj(k).view(b, n, self.nhead, -1).transpose(1, 2)
        v = self.v_proj(src).view(b, n, self.nhead, -1).transpose(1, 2)
        attn = torch.softmax(q @ k.transpose(-2, -1) / (c // self.nhead) ** 0.5, dim=-1)
        return self.norm(src + self.out_proj((attn @ v).transpose(1, 2).reshape(b, n, c)))


class HybridEncoder(nn.Module):
    def __init__(self, in_channels=32, hidden_dim=64, feat_stride=16, eval_spatial_size=(320, 320)):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.feat_stride = feat_stride
        self.eval_spatial_size = eval_spatial_size
        self.pe_temperature = 10000.0
        self.input_proj = nn.Sequential(nn.Conv2d(in_channels, hidden_dim, 1, bias=False),
                                        nn.BatchNorm2d(hidden_dim))
        self.encoder = EncoderLayer(hidden_dim)
        self._reset_parameters()

    def _reset_parameters(self):
        if self.eval_spatial_size:
            stride = self.feat_stride
            pos_embed = self.build_2d_sincos_position_embedding(
                self.eval_spatial_size[1] // stride, self.eval_spatial_size[0] // stride,
                self.hidden_dim, self.pe_temperature)
            self.register_buffer('pos_embed', pos_embed, persistent=False)

    @staticmethod
    def build_2d_sincos_position_embedding(w, h, embed_dim=256, temperature=10000.):
        grid_w, grid_h = torch.meshgrid(torch.arange(int(w), dtype=torch.float32),
                                        torch.arange(int(h), dtype=torch.float32), indexing='ij')
        pos_dim = embed_dim // 4
        omega = 1. / (temperature ** (torch.arange(pos_dim, dtype=torch.float32) / pos_dim))
        out_w, out_h = grid_w.flatten()[..., None] @ omega[None], grid_h.flatten()[..., None] @ omega[None]
        return torch.concat([out_w.sin(), out_w.cos(), out_h.sin(), out_h.cos()], dim=1)[None, :, :]

    def forward(self, feat):
        proj = self.input_proj(feat)
        h, w = proj.shape[2:]
        src_flatten = proj.flatten(2).permute(0, 2, 1)
        if self.training or self.eval_spatial_size is None:
            pos_embed = self.build_2d_sincos_position_embedding(
                w, h, self.hidden_dim, self.pe_temperature).to(device=src_flatten.device, dtype=src_flatten.dtype)
        else:
            pos_embed = getattr(self, 'pos_embed', None)
        memory = self.encoder(src_flatten, pos_embed=pos_embed)
        return memory.permute(0, 2, 1).reshape(-1, self.hidden_dim, h, w)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = HybridEncoder().eval().to(device).half()
    feat = torch.randn(1, 32, 20, 20, device=device, dtype=torch.float16)
    with torch.no_grad():
        print(model(feat).dtype)
