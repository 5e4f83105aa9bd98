# source: https://github.com/OpenGVLab/video-mamba-suite/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Video temporal grounding head: frozen clip features + query features -> saliency and spans."""
import torch
import torch.nn as nn


class MomentGroundingModel(nn.Module):
    def __init__(self, vid_dim=768, txt_dim=512, hidden=256, num_layers=2):
        super().__init__()
        self.vid_proj = nn.Linear(vid_dim, hidden)
        self.txt_proj = nn.Linear(txt_dim, hidden)
        layer = nn.TransformerEncoderLayer(hidden, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers)
        self.saliency_head = nn.Linear(hidden, 1)
        self.span_head = nn.Linear(hidden, 2)

    def forward(self, src_vid, src_vid_mask, src_txt, src_txt_mask):
        x = torch.cat([self.vid_proj(src_vid), self.txt_proj(src_txt)], dim=1)
        pad = ~torch.cat([src_vid_mask, src_txt_mask], dim=1).bool()
        x = self.encoder(x, src_key_padding_mask=pad)
        vid_x = x[:, : src_vid.shape[1]]
        return {
            "saliency_scores": self.saliency_head(vid_x).squeeze(-1),
            "pred_spans": self.span_head(vid_x).sigmoid(),
        }


def build_grounding_model(ckpt_path=None, **kwargs):
    model = MomentGroundingModel(**kwargs)
    if ckpt_path:
        state = torch.load(ckpt_path, map_location="cpu")
        model.load_state_dict(state["model"])
    return model
