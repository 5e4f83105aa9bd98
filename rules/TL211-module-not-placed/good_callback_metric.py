import lightning as L
import torchmetrics


class TrackF1(L.Callback):
    def __init__(self, classes=10):
        super().__init__()
        self.f1 = torchmetrics.F1Score(task="multiclass", num_classes=classes)

    def on_validation_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        self.f1.to(pl_module.device)
        self.f1.update(outputs["preds"], batch["y"])

    def on_validation_epoch_end(self, trainer, pl_module):
        pl_module.log("val_f1", self.f1.compute())
        self.f1.reset()
