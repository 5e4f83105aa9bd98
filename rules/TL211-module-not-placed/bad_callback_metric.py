# Lightning moves the module it trains, and hands a Callback's batch hooks the batch
# and the step's outputs on that device; the callback's own metric stays on the CPU.
import lightning as L
import torchmetrics


class TrackF1(L.Callback):
    def __init__(self, classes=10):
        super().__init__()
        self.f1 = torchmetrics.F1Score(task="multiclass", num_classes=classes)  # expect: TL211:19 lines=12,13

    def on_validation_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        self.f1.update(outputs["preds"], batch["y"])

    def on_validation_epoch_end(self, trainer, pl_module):
        pl_module.log("val_f1", self.f1.compute())
        self.f1.reset()
