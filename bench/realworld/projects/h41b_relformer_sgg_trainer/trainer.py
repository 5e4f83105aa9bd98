# source: https://github.com/suprosanna/relationformer/issues/16
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


class RelationTrainer:
    def __init__(self, network, optimizer, loader, device, rel_weight=1.0):
        self.network = network
        self.optimizer = optimizer
        self.loader = loader
        self.device = device
        self.rel_weight = rel_weight

    def _prepare(self, batch):
        images = batch["images"].to(self.device, non_blocking=True)
        labels = batch["labels"].to(self.device)
        boxes = batch["boxes"].to(self.device)
        pairs = batch["rel_pairs"].to(self.device)
        rel_labels = batch["rel_labels"].to(self.device)
        return images, labels, boxes, pairs, rel_labels

    def train_step(self, batch):
        self.network.train()
        images, labels, boxes, pairs, rel_labels = self._prepare(batch)
        h, out = self.network(images)
        loss_cls = F.cross_entropy(out["pred_logits"].flatten(0, 1), labels.flatten())
        loss_box = F.l1_loss(out["pred_boxes"], boxes)
        rel_logits = self.network.relation_logits(h, pairs)
        loss_rel = F.cross_entropy(rel_logits.flatten(0, 1), rel_labels.flatten())
        loss = loss_cls + 5.0 * loss_box + self.rel_weight * loss_rel
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def run(self, epochs):
        for epoch in range(epochs):
            losses = [self.train_step(batch) for batch in self.loader]
            print(f"epoch {epoch}: loss {sum(losses) / max(len(losses), 1):.4f}")
