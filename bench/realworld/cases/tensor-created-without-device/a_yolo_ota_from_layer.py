# source: https://github.com/iscyy/ultralyticsPro/issues/159
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 48, 61
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Detect(nn.Module):
    def __init__(self, nc=3, na=3, ch=(8, 16)):
        super().__init__()
        self.na, self.no = na, nc + 5
        self.m = nn.ModuleList(nn.Conv2d(c, na * self.no, 1) for c in ch)

    def forward(self, xs):
        out = []
        for conv, x in zip(self.m, xs):
            bs, _, ny, nx = x.shape
            out.append(conv(x).view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2))
        return out


class ComputeLossOTA:
    def __init__(self, model):
        self.det = model
        self.na = model.na

    def find_3_positive(self, p, targets):
        indices = []
        for pi in p:
            ny, nx = pi.shape[2:4]
            b = targets[:, 0].long()
            gxy = targets[:, 2:4] * torch.tensor([nx, ny], device=targets.device)
            gi, gj = gxy.long().T
            a = torch.zeros_like(b)
            indices.append((b, a, gj.clamp_(0, ny - 1), gi.clamp_(0, nx - 1)))
        return indices

    def build_targets(self, p, targets):
        indices = self.find_3_positive(p, targets)
        all_b, from_which_layer, pxyxys = [], [], []
        for i, pi in enumerate(p):
            b, a, gj, gi = indices[i]
            all_b.append(b)
            from_which_layer.append(torch.ones(size=(len(b),)) * i)
            pxyxys.append(pi[b, a, gj, gi][:, :4])
        all_b = torch.cat(all_b, dim=0)
        from_which_layer = torch.cat(from_which_layer, dim=0)
        pxyxys = torch.cat(pxyxys, dim=0)

        cost = pxyxys.sigmoid().sum(1, keepdim=True).T
        matching_matrix = torch.zeros_like(cost)
        _, topk = torch.topk(cost, k=min(4, cost.shape[1]), dim=1)
        matching_matrix[0, topk[0]] = 1.0

        fg_mask_inboxes = matching_matrix.sum(0) > 0.0
        all_b = all_b[fg_mask_inboxes]
        from_which_layer = from_which_layer[fg_mask_inboxes]
        return all_b, from_which_layer

    def __call__(self, p, targets):
        bs, layer = self.build_targets(p, targets)
        return torch.stack([(layer == i).float().sum() for i in range(len(p))])


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = Detect().to(device)
    feats = [torch.rand(2, 8, 8, 8, device=device), torch.rand(2, 16, 4, 4, device=device)]
    targets = torch.tensor([[0, 1, 0.5, 0.5, 0.2, 0.2], [1, 0, 0.25, 0.75, 0.1, 0.3]], device=device)
    compute_loss = ComputeLossOTA(model)
    print(compute_loss(model(feats), targets))
